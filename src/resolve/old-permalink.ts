/**
 * 0.1.0 named the SecID page src/resolve/resolve.html, and cards copied permalinks to it: those still open,
 * on the SecID page, with the same query.
 */
location.replace(location.href.replace('/src/resolve/resolve.html', '/src/secid-page/secid-page.html'));
