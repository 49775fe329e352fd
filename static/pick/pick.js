// Streamlit component protocol (as static/sdmap.js): ready -> render {args} -> setComponentValue on a click.
(function () {
  "use strict";
  var map = null, point = null, outline = null, lastKey = null, height = 0, waiting = null;

  function toParent(type, data) {
    var msg = { isStreamlitMessage: true, type: type };
    for (var k in data || {}) msg[k] = data[k];
    window.parent.postMessage(msg, "*");
  }

  function withLeaflet(vendor, then) {
    if (window.L) return then();
    if (waiting) return waiting.push(then);
    waiting = [then];
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = vendor + "leaflet/leaflet.css";
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = vendor + "leaflet/leaflet.js";
    js.onload = function () {
      waiting.forEach(function (f) { f(); });
      waiting = null;
    };
    document.head.appendChild(js);
  }

  function place(latlng, picked) {
    if (point) point.remove();
    point = L.circleMarker(latlng, {
      radius: 7, color: picked ? "#c0392b" : "#1f4e79", weight: 2, fillOpacity: 0.6
    }).addTo(map);
  }

  function render(args) {
    if (args.height && args.height !== height) {
      height = args.height;
      toParent("streamlit:setFrameHeight", { height: height });
    }
    withLeaflet(args.vendor, function () {
      if (!map) {
        map = L.map("map", { attributionControl: false, minZoom: 5, maxZoom: 16 });
        map.on("click", function (e) {
          place(e.latlng, true);
          var value = { lon: +e.latlng.lng.toFixed(6), lat: +e.latlng.lat.toFixed(6) };
          document.getElementById("hint").textContent = value.lon + ", " + value.lat;
          toParent("streamlit:setComponentValue", { value: value, dataType: "json" });
        });
      }
      var key = JSON.stringify([args.lon, args.lat, args.outline && args.outline.properties]);
      if (key === lastKey) return;
      lastKey = key;
      if (outline) outline.remove();
      outline = args.outline
        ? L.geoJSON(args.outline, { style: { color: "#555", weight: 1.5, fill: false }, interactive: false })
        : null;
      // the view first: a layer cannot be drawn on a map that has none yet
      if (outline) map.fitBounds(outline.getBounds(), { padding: [12, 12] });
      else map.setView([args.lat, args.lon], 9);
      if (outline) outline.addTo(map);
      place([args.lat, args.lon], false);
      document.getElementById("hint").textContent = args.hint || "";
    });
  }

  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || !e.data || e.data.type !== "streamlit:render") return;
    render(e.data.args || {});
  });
  if (window.parent !== window) toParent("streamlit:componentReady", { apiVersion: 1 });
})();
