// Streamlit component protocol (as static/pick/pick.js): ready -> render {args} -> setComponentValue when done.
// args.action: {id, grant} after a sign-in, {id, end: true} after a sign-out, or null; each id is acted on once.
(function () {
  "use strict";
  var done = {};

  function toParent(type, data) {
    var msg = { isStreamlitMessage: true, type: type };
    for (var k in data || {}) msg[k] = data[k];
    window.parent.postMessage(msg, "*");
  }

  function act(action) {
    if (!action || done[action.id]) return;
    done[action.id] = true;
    var url = new URL(action.end ? "../../_sdcarbon/session/end" : "../../_sdcarbon/session", location.href);
    fetch(url, {
      method: "POST",
      body: action.end ? "" : action.grant,
      headers: { "Content-Type": "text/plain" },
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (response) {
      toParent("streamlit:setComponentValue", { value: { id: action.id, status: response.status }, dataType: "json" });
    }, function () {
      done[action.id] = false; // offline for a moment: the next render tries again
    });
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data || event.data.type !== "streamlit:render") return;
    act((event.data.args || {}).action);
  });
  toParent("streamlit:componentReady", { apiVersion: 1 });
  toParent("streamlit:setFrameHeight", { height: 0 });
})();
