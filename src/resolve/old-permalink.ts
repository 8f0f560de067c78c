/**
 * 0.1.0 named the lookup page src/resolve/resolve.html, and cards copied permalinks to it: those still open,
 * on the lookup page, with the same query.
 */
location.replace(location.href.replace('/src/resolve/resolve.html', '/src/lookup/lookup.html'));
