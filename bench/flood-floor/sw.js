/* global chrome */
// The floor for a message flood: a worker that answers every message at once, doing nothing else.
chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  sendResponse({ status: 'found', echo: message.type });
});
