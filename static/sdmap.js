/* The app's map code: a Streamlit component (static/index.html), loaded from local files (no CDN, no network).
 *
 * ui/map.py sends {cfg_url, layers, state, height} on every script run (the iframe stays across reruns):
 *   cfg (a file per language, fetched once):  SD.init(map, cfg)  boundaries, labels, layer control, icons
 *   state (per filter):           SD.render(group, st)   markers, clusters, lines, choropleth, legend
 * Project data comes from two JSON files the app writes once per catalog (markers.json, details.json), and the
 * boundaries from the app's web cache; their URLs change with their content, so they are kept in the browser's
 * Cache Storage where it is available (a repeat visit downloads none of them). A filter change sends only the
 * indices of the projects to show. The map never sends anything back, so panning and clicking never rerun
 * the app's script.
 *
 * Safety: text from the plans (names, quotes, units ...) is put into the page only with textContent, never
 * as HTML, so a plan containing <script> or <img onerror=...> shows as text and runs nothing.
 * Projects at exactly one point (most are known only to their county or city) are one "stack" symbol that opens
 * a list to pick from; the marker-cluster plugin then groups only nearby distinct points.
 *
 * The body carries data-sd-state (loading | ready | error) and data-sd-count (projects drawn) for tests.
 */
(function () {
  "use strict";
  var SD = (window.SD = window.SD || {});
  var jsonCache = {};
  var renderSeq = 0;
  var CACHE_NAME = "sdcarbon-v1";

  // content-addressed files (cat-<hash>/, layers-<hash>/) are kept in Cache Storage: a repeat visit reads them
  // locally (Streamlit serves component files without validators, so the HTTP cache cannot keep them)
  function cachedFetch(url) {
    var immutable = /\/(cat|layers|cfg)-[0-9a-f]+\//.test(url);
    var store = null;
    try {
      if (immutable && window.caches && window.isSecureContext) store = window.caches.open(CACHE_NAME);
    } catch (e) {
      store = null;
    }
    function network() {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        if (store) {
          var copy = r.clone();
          store
            .then(function (c) {
              return c.put(url, copy);
            })
            .catch(function () {});
        }
        return r.json();
      });
    }
    if (!store) return network();
    return store
      .then(function (c) {
        return c.match(url);
      })
      .then(function (hit) {
        return hit ? hit.json() : network();
      })
      .catch(network);
  }

  function getJSON(url) {
    url = new URL(url, document.baseURI).href;
    if (!jsonCache[url]) {
      jsonCache[url] = cachedFetch(url);
      jsonCache[url].catch(function () {
        delete jsonCache[url];
      });
    }
    return jsonCache[url];
  }

  // boundaries as geo/webmap.py writes them (compact_layer): {q, f: [{a: adcode, n: name, r: [lon, lat] | null,
  // g: [polygon: [ring: [x0, y0, dx1, dy1, ...] in 1/q degrees]]}]} -> a GeoJSON FeatureCollection
  function decodeLayer(d) {
    if (!d || !d.f) return d; // already GeoJSON
    var q = d.q;
    return {
      type: "FeatureCollection",
      features: d.f.map(function (f) {
        return {
          type: "Feature",
          properties: { adcode: f.a, name: f.n, rep_lon: f.r ? f.r[0] : null, rep_lat: f.r ? f.r[1] : null },
          geometry: {
            type: "MultiPolygon",
            coordinates: f.g.map(function (poly) {
              return poly.map(function (ring) {
                var out = [],
                  x = 0,
                  y = 0;
                for (var i = 0; i + 1 < ring.length; i += 2) {
                  x += ring[i];
                  y += ring[i + 1];
                  out.push([x / q, y / q]);
                }
                return out;
              });
            }),
          },
        };
      }),
    };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function setState(state) {
    document.body.setAttribute("data-sd-state", state);
    if (state === "ready") document.body.setAttribute("data-sd-ready-at", String(Date.now())); // for the benchmark
  }

  // ---------------------------------------------------------------------------------------------
  // symbols: a coloured circle with a white icon; colours and paths come from the config only (geo/webmap.py)

  var SAFE_COLOR = /^#[0-9a-fA-F]{3,8}$/;
  var SAFE_PATH = /^[-0-9.,a-zA-Z\s]*$/;

  function symbolSvg(cat, size, approx) {
    var c = (SD.cfg.cats && SD.cfg.cats[cat]) || {};
    var color = SAFE_COLOR.test(c.color || "") ? c.color : "#888888";
    var inner = "";
    if (c.d && SAFE_PATH.test(c.d) && c.vb) {
      var vb = String(c.vb).split(/\s+/).map(Number);
      var s = 17 / Math.max(vb[2], vb[3]);
      var tx = 16 - (vb[2] * s) / 2,
        ty = 16 - (vb[3] * s) / 2;
      inner =
        '<path fill="#fff" transform="translate(' + tx.toFixed(2) + "," + ty.toFixed(2) + ") scale(" +
        s.toFixed(5) + ')" d="' + c.d + '"/>';
    }
    var stroke = approx
      ? 'stroke="#222" stroke-width="2" stroke-dasharray="4 3"'
      : 'stroke="#fff" stroke-width="2"';
    return (
      '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size +
      '" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14.5" fill="' + color + '" ' + stroke + "/>" +
      inner + "</svg>"
    );
  }

  function symbolIcon(cat, size, approx) {
    return L.divIcon({
      html: symbolSvg(cat, size, approx),
      className: "sd-symbol",
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
      popupAnchor: [0, -size / 2],
      tooltipAnchor: [size / 2, 0],
    });
  }

  // category shares as a conic-gradient ring (biggest first), from {cat: count}
  function ring(counts) {
    var n = 0;
    Object.keys(counts).forEach(function (c) {
      n += counts[c];
    });
    var stops = [];
    var acc = 0;
    Object.keys(counts)
      .sort(function (a, b) {
        return counts[b] - counts[a];
      })
      .forEach(function (c) {
        var color = ((SD.cfg.cats || {})[c] || {}).color;
        if (!SAFE_COLOR.test(color || "")) color = "#888888";
        var from = (acc / n) * 360;
        acc += counts[c];
        stops.push(color + " " + from.toFixed(1) + "deg " + ((acc / n) * 360).toFixed(1) + "deg");
      });
    return "conic-gradient(" + stops.join(",") + ")";
  }

  // a cluster (nearby distinct places): white disc with the number of projects, ringed by the categories' shares
  function clusterIcon(cluster) {
    var counts = {};
    var n = 0;
    cluster.getAllChildMarkers().forEach(function (m) {
      var cats = m.options.sdCats || {};
      Object.keys(cats).forEach(function (c) {
        counts[c] = (counts[c] || 0) + cats[c];
        n += cats[c];
      });
    });
    var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    var html =
      '<div class="sd-cluster" style="width:' + size + "px;height:" + size + "px;background:" + ring(counts) +
      '"><span>' + n + "</span></div>";
    return L.divIcon({ html: html, className: "sd-cluster-icon", iconSize: [size, size] });
  }

  // a stack (several projects at exactly one point, mostly a county's or city's point): a rounded square with
  // the count, ringed like a cluster; dashed when the point is an area's, not a site
  function stackIcon(counts, n, approx) {
    var size = n < 10 ? 26 : 30;
    var html =
      '<div class="sd-stack' + (approx ? " sd-stack-approx" : "") + '" data-n="' + n + '" style="width:' +
      size + "px;height:" + size + "px;background:" + ring(counts) + '"><span>' + n + "</span></div>";
    return L.divIcon({
      html: html,
      className: "sd-stack-icon",
      iconSize: [size, size],
      popupAnchor: [0, -size / 2],
      tooltipAnchor: [size / 2, 0],
    });
  }

  // ---------------------------------------------------------------------------------------------
  // base map

  SD.init = function (map, cfg) {
    SD.map = map;
    SD.cfg = cfg;
    map.options.maxZoom = cfg.max_zoom || 18; // no tile layer sets it; the cluster plugin needs it
    map.options.minZoom = cfg.min_zoom || 5;
    setState("loading");
    document.body.setAttribute("data-sd-lang", cfg.lang || "zh");
    var container = map.getContainer();
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    container.classList.add("sd-map");
    map.createPane("sdLand").style.zIndex = 250;
    map.createPane("sdChoro").style.zIndex = 300;
    var borders = map.createPane("sdBorders");
    borders.style.zIndex = 350;
    borders.style.pointerEvents = "none";
    // place labels above the symbols (with a white halo, taking no clicks): a county's point carries its stack
    map.createPane("sdLabels").style.zIndex = 620;
    map.getPane("sdLabels").style.pointerEvents = "none";
    SD.moved = false;
    SD.fitHome = function () {
      map.invalidateSize();
      if (cfg.bounds && map.getSize().x > 0) map.fitBounds(cfg.bounds);
    };
    // the iframe may still be 0 px wide now: fit again once it has its size, unless the user has moved
    SD.fitHome();
    map.once("resize", function () {
      if (!SD.moved) SD.fitHome();
    });
    setTimeout(function () {
      if (!SD.moved) SD.fitHome();
    }, 250);
    map.on("dragstart zoomstart", function (e) {
      if (e && e.hard === undefined && SD.ready) SD.moved = true;
    });
    map.on("popupopen", function (e) {
      foldLegendOver(e.popup);
      setTimeout(function () {
        foldLegendOver(e.popup); // again once the popup has panned into view
      }, 350);
    });
    map.on("popupclose", unfoldLegend);

    var lab = cfg.labels || {};
    var overlays = {};
    var osm = L.tileLayer(cfg.osm_url || "https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 18,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    });
    var groups = {
      province: L.layerGroup(),
      cities: L.layerGroup(),
      counties: L.layerGroup(),
      labels: L.layerGroup(),
    };
    groups.province.addTo(map);
    groups.cities.addTo(map);
    groups.counties.addTo(map);
    groups.labels.addTo(map);
    overlays[lab.province || "province"] = groups.province;
    overlays[lab.city_borders || "cities"] = groups.cities;
    overlays[lab.county_borders || "counties"] = groups.counties;
    overlays[lab.place_labels || "labels"] = groups.labels;
    overlays[lab.osm || "OpenStreetMap"] = osm;
    SD.layerControl = L.control.layers(null, overlays, { collapsed: true, position: "topright" }).addTo(map);
    SD.groups = groups;

    function zoomClass() {
      var z = map.getZoom();
      container.classList.toggle("sd-zoom-low", z < 8);
      container.classList.toggle("sd-zoom-mid", z >= 8 && z < 9);
    }
    map.on("zoomend", zoomClass);
    zoomClass();

    // place names that would overprint one another: the later one (a county after the cities) is hidden at
    // this zoom; zooming in shows it again
    function declutterLabels() {
      var shown = [];
      var names = container.querySelectorAll(".sd-label-city span, .sd-label-county span");
      names.forEach(function (span) {
        var r = span.getBoundingClientRect();
        if (!r.width) return; // not drawn at this zoom
        var clash = shown.some(function (s) {
          return r.left < s.right + 2 && s.left < r.right + 2 && r.top < s.bottom && s.top < r.bottom;
        });
        span.parentNode.classList.toggle("sd-label-hidden", clash);
        if (!clash) shown.push(r);
      });
    }
    SD.declutterLabels = declutterLabels;
    map.on("zoomend overlayadd", declutterLabels);

    map.on("overlayadd", function (e) {
      if (e.layer === osm) container.classList.add("sd-tiles");
    });
    map.on("overlayremove", function (e) {
      if (e.layer === osm) container.classList.remove("sd-tiles");
    });

    var canvas = L.canvas({ padding: 0.2, pane: "sdBorders" }); // boundaries: one canvas is faster to draw than 300 SVG paths
    SD.layersReady = Promise.all([
      getJSON(cfg.layers.province),
      getJSON(cfg.layers.cities),
      getJSON(cfg.layers.counties),
    ])
      .then(function (res) {
        var province = decodeLayer(res[0]),
          cities = decodeLayer(res[1]),
          counties = decodeLayer(res[2]);
        SD.geo = { cities: cities, counties: counties };
        L.geoJSON(province, {
          pane: "sdLand",
          interactive: false,
          style: { stroke: false, fillColor: "#fbfaf4", fillOpacity: 1, className: "sd-land" },
        }).addTo(groups.province);
        L.geoJSON(province, {
          pane: "sdBorders",
          interactive: false,
          style: { color: "#333", weight: 2.2, fill: false },
          renderer: canvas,
        }).addTo(groups.province);
        L.geoJSON(cities, {
          pane: "sdBorders",
          interactive: false,
          style: { color: "#555", weight: 1.4, fill: false },
          renderer: canvas,
        }).addTo(groups.cities);
        L.geoJSON(counties, {
          pane: "sdBorders",
          interactive: false,
          style: { color: "#999", weight: 0.7, fill: false, dashArray: "3 2" },
          renderer: canvas,
        }).addTo(groups.counties);
        function addLabels(fc, cls) {
          (fc.features || []).forEach(function (f) {
            var p = f.properties || {};
            if (p.rep_lat == null || p.rep_lon == null) return;
            L.marker([p.rep_lat, p.rep_lon], {
              pane: "sdLabels",
              interactive: false,
              keyboard: false,
              icon: L.divIcon({
                className: "sd-label " + cls,
                html: "<span>" + esc(p.name || "") + "</span>",
                iconSize: null,
              }),
            }).addTo(groups.labels);
          });
        }
        addLabels(counties, "sd-label-county");
        addLabels(cities, "sd-label-city");
        declutterLabels();
      })
      .catch(function (err) {
        SD.showError(String(err));
      });
  };

  SD.showError = function (msg) {
    setState("error");
    if (SD.errorControl) SD.map.removeControl(SD.errorControl);
    var ctl = L.control({ position: "topleft" });
    ctl.onAdd = function () {
      return el("div", "sd-error", msg);
    };
    SD.errorControl = ctl.addTo(SD.map);
  };

  // ---------------------------------------------------------------------------------------------
  // popups (DOM only, textContent only)

  function row(table, label, value) {
    if (value === null || value === undefined || value === "") return;
    var tr = el("tr");
    tr.appendChild(el("th", null, label));
    tr.appendChild(el("td", null, value));
    table.appendChild(tr);
  }

  // a capacity in the page's units (cfg.units: 万千瓦 ... in Chinese), like geo.i18n.format_quantity
  function quantity(value, unit) {
    var u = (SD.cfg.units || {})[unit] || [unit, 1];
    var v = value * u[1];
    var text = Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : String(Number(v.toPrecision(4)));
    return (text + " " + (u[0] || "")).trim();
  }

  // the stage and where it was read: 在建/开工（据“加快建设”，2023-06-01）
  function statusText(data, det, i) {
    var code = data.sts[data.st[i]];
    var text = (SD.cfg.status_labels || {})[code] || code;
    if (det && det.status_words && det.status_words[i]) {
      var from = (SD.cfg.labels || {}).status_from || "({words}, {date})";
      text += " " + fill(from, { words: det.status_words[i], date: det.status_date[i] || "?" });
    }
    return text;
  }

  function fillDetails(box, data, det, i) {
    var f = SD.cfg.fields || {};
    box.textContent = "";
    var table = el("table", "sd-popup-table");
    var cap = [];
    if (det.capv[i] !== null) cap.push(quantity(det.capv[i], det.capu[i]));
    if (det.cap_text[i]) cap.push("（" + det.cap_text[i] + "）");
    row(table, f.capacity || "capacity", cap.join(" "));
    row(table, f.status || "status", statusText(data, det, i));
    row(table, f.location || "location", det.place[i]);
    var pl = SD.cfg.precision_labels || {};
    row(table, f.precision || "precision", pl[det.precision[i]] || det.precision[i]);
    if (data.offshore[i]) row(table, f.offshore || "offshore", f.offshore_yes || "yes");
    row(table, f.owner || "owner", det.owner[i]);
    row(table, f.target_year || "year", det.year[i]);
    row(table, f.responsible_units || "units", det.units[i]);
    row(table, f.doc_title || "plan", det.plans[det.plan[i]]);
    row(table, f.mention_count || "documents", String(((det.hist || {})[i] || [0]).length));
    row(table, f.section || "section", det.section[i]);
    row(table, f.location_note || "note", SD.cfg.lang === "en" && det.note_en ? det.note_en[i] : det.note[i]);
    box.appendChild(table);
    if (det.quote[i]) {
      var q = el("blockquote", "sd-quote", det.quote[i]);
      box.appendChild(el("div", "sd-quote-label", f.quote || "quote"));
      box.appendChild(q);
    }
    historyList(box, det, i);
    box.appendChild(el("div", "sd-id", (f.id || "id") + ": " + data.ids[i]));
  }

  // every document naming the project, newest first (details.json's "hist", only for projects more than one
  // document names): date · plan (kind), then the name, capacity and stage words as it writes them, its sentence
  function historyList(box, det, i) {
    var f = SD.cfg.fields || {};
    var docs = (det.hist || {})[i];
    if (!docs) return;
    var k = {};
    (det.hist_fields || []).forEach(function (name, j) {
      k[name] = j;
    });
    box.appendChild(el("div", "sd-quote-label", f.history || "documents"));
    var list = el("ol", "sd-history");
    docs.forEach(function (m) {
      var plan = typeof m[k.plan] === "number" ? det.plans[m[k.plan]] : m[k.plan];
      var kind = (SD.cfg.doc_kinds || {})[m[k.doc_kind]] || m[k.doc_kind];
      var item = el("li", "sd-mention");
      var head = [m[k.doc_date], plan].filter(Boolean).join(" · ");
      if (kind) head += SD.cfg.lang === "en" ? " (" + kind + ")" : "（" + kind + "）";
      item.appendChild(el("div", "sd-mention-head", head));
      var said = [m[k.name], m[k.capacity_text], m[k.status_text]].filter(Boolean).join(" · ");
      if (said) item.appendChild(el("div", "sd-mention-said", said));
      if (m[k.quote]) item.appendChild(el("div", "sd-mention-quote", m[k.quote]));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function popupContent(data, i) {
    var wrap = el("div", "sd-popup");
    wrap.setAttribute("data-sd-id", data.ids[i]);
    var head = el("div", "sd-popup-head");
    var cat = data.cats[data.cat[i]];
    var chip = el("span", "sd-chip", (SD.cfg.cats[cat] || {}).label || cat);
    var color = (SD.cfg.cats[cat] || {}).color;
    if (SAFE_COLOR.test(color || "")) chip.style.background = color;
    head.appendChild(chip);
    head.appendChild(el("div", "sd-popup-name", data.name[i]));
    wrap.appendChild(head);
    var box = el("div", "sd-popup-body", (SD.cfg.labels || {}).loading || "...");
    wrap.appendChild(box);
    getJSON(SD.base + "details.json")
      .then(function (det) {
        fillDetails(box, data, det, i);
        if (SD.openPopup && SD.openPopup.isOpen()) SD.openPopup.update();
      })
      .catch(function (err) {
        box.textContent = String(err);
      });
    return wrap;
  }

  // no wider and no taller than the map (a phone's map is smaller than a card), and panned clear of the
  // controls in the map's corners, which would cover the close button or the card's last lines
  function popupSize() {
    var size = SD.map.getSize();
    var room = Math.max(160, size.x - 60);
    return {
      maxWidth: Math.min(380, room),
      minWidth: Math.min(260, room),
      maxHeight: Math.max(140, size.y - 150), // scrolls between the top controls and the legend button
      autoPanPaddingTopLeft: [10, 60],
      autoPanPaddingBottomRight: [10, 44], // clear of the legend button
    };
  }

  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (m, k) {
      return values[k] !== undefined ? values[k] : m;
    });
  }

  function precisionOf(data, i) {
    return data.precs[data.prec[i]];
  }

  // a point known only to a county, city, region or the province (drawn dashed): not a site
  function isAreaPoint(data, i) {
    return data.prec[i] >= data.precs.indexOf("county");
  }

  function levelWord(data, i) {
    return (SD.cfg.level_words || {})[precisionOf(data, i)] || precisionOf(data, i);
  }

  function tooltipContent(data, i) {
    var box = el("div", "sd-tip");
    box.appendChild(el("div", "sd-tip-name", data.name[i]));
    if (isAreaPoint(data, i)) {
      box.appendChild(el("div", "sd-tip-note", fill((SD.cfg.labels || {}).tip_admin, { level: levelWord(data, i) })));
    }
    return box;
  }

  // ---------------------------------------------------------------------------------------------
  // a stack's popup: the projects at that point as a list (name, category, capacity); picking one shows its
  // details in the same popup, with a way back to the list

  function stackContent(data, members, layer) {
    var lab = SD.cfg.labels || {};
    var wrap = el("div", "sd-stack-popup");
    wrap.setAttribute("data-sd-stack", String(members.length));
    function update() {
      var p = layer.getPopup();
      if (p && p.isOpen()) p.update();
    }
    function showList() {
      wrap.textContent = "";
      wrap.appendChild(el("div", "sd-popup-name", fill(lab.stack_title, { n: members.length })));
      var place = el("div", "sd-stack-place");
      wrap.appendChild(place);
      if (isAreaPoint(data, members[0])) {
        wrap.appendChild(el("div", "sd-stack-note", fill(lab.stack_admin, { level: levelWord(data, members[0]) })));
      }
      var list = el("ul", "sd-stack-list");
      var caps = [];
      members.forEach(function (i) {
        var cat = data.cats[data.cat[i]];
        var style = SD.cfg.cats[cat] || {};
        var item = el("button", "sd-stack-item");
        item.type = "button";
        item.setAttribute("data-sd-i", String(i));
        var dot = el("span", "sd-dot");
        if (SAFE_COLOR.test(style.color || "")) dot.style.background = style.color;
        item.appendChild(dot);
        var text = el("span", "sd-stack-text");
        text.appendChild(el("span", "sd-stack-name", data.name[i]));
        var meta = el("span", "sd-stack-meta", (style.label || cat) + " · " + statusText(data, null, i));
        text.appendChild(meta);
        caps.push([meta, i]);
        item.appendChild(text);
        item.addEventListener("click", function (e) {
          L.DomEvent.stop(e);
          showProject(i);
        });
        var li = el("li");
        li.appendChild(item);
        list.appendChild(li);
      });
      wrap.appendChild(list);
      getJSON(SD.base + "details.json")
        .then(function (det) {
          place.textContent = det.place[members[0]] || "";
          caps.forEach(function (pair) {
            var k = pair[1];
            var cap = det.capv[k] !== null ? quantity(det.capv[k], det.capu[k]) : det.cap_text[k];
            if (cap) pair[0].textContent += " · " + cap;
          });
          update();
        })
        .catch(function () {});
    }
    function showProject(i) {
      wrap.textContent = "";
      var back = el("button", "sd-stack-back", fill(lab.stack_back, { n: members.length }));
      back.type = "button";
      back.addEventListener("click", function (e) {
        L.DomEvent.stop(e);
        showList();
        update();
      });
      wrap.appendChild(back);
      wrap.appendChild(popupContent(data, i));
      update();
    }
    showList();
    return wrap;
  }

  // ---------------------------------------------------------------------------------------------
  // legend controls

  function replaceControl(name, ctl) {
    if (SD[name]) {
      try {
        SD.map.removeControl(SD[name]);
      } catch (e) {
        /* already gone */
      }
      SD[name] = null;
    }
    if (ctl) SD[name] = ctl.addTo(SD.map);
  }

  // what the symbols' shapes and sizes say, only what this selection shows: size only when enough projects
  // have a capacity in MW (otherwise every symbol has the same size, and the legend says so)
  function legendNotes(st, drawn) {
    var lab = SD.cfg.labels || {};
    var notes = [];
    var n = st.n_shown || 0,
      k = st.n_cap || 0;
    if (n && k >= Math.max(1, 0.2 * n)) notes.push(fill(lab.legend_size, { k: k, n: n }));
    else if (n) notes.push(fill(lab.legend_size_none, { k: k, n: n }));
    if (drawn.stacks) notes.push(lab.legend_stack);
    if (drawn.approx) notes.push(lab.legend_approx);
    return notes;
  }

  // an open legend that would cover an open popup folds while the popup is open (on a phone the legend
  // can fill the map); it opens again when the popup closes. The user's own open/closed choice is kept.
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function foldLegendOver(popup) {
    var box = SD.legend && SD.legend.getContainer();
    var card = popup && popup.getElement();
    if (!box || !card || !box.open) return;
    if (overlaps(box.getBoundingClientRect(), card.getBoundingClientRect())) {
      SD.legendFolded = true;
      box.open = false;
    }
  }

  function unfoldLegend() {
    var box = SD.legend && SD.legend.getContainer();
    if (SD.legendFolded && box) box.open = true;
    SD.legendFolded = false;
  }

  function categoryLegend(counts, notes, statusCounts) {
    if (!counts || !counts.length) return null;
    var ctl = L.control({ position: "bottomright" });
    ctl.onAdd = function () {
      var box = el("details", "sd-legend");
      if (counts.length <= 8 && SD.legendOpen !== false) box.open = true;
      if (SD.legendOpen === true) box.open = true;
      box.addEventListener("toggle", function () {
        if (box.open) SD.legendFolded = false; // opened again, by the user or when the popup closed
        if (!SD.legendFolded) SD.legendOpen = box.open;
      });
      box.appendChild(el("summary", "sd-legend-title", (SD.cfg.labels || {}).legend_title || "Legend"));
      var grid = el("div", counts.length > 8 ? "sd-legend-grid sd-legend-2col" : "sd-legend-grid");
      box.appendChild(grid);
      counts.forEach(function (pair) {
        var line = el("div", "sd-legend-row");
        var sym = el("span", "sd-legend-sym");
        sym.innerHTML = symbolSvg(pair[0], 16, false); // config-only content (colour + icon path)
        line.appendChild(sym);
        line.appendChild(el("span", null, ((SD.cfg.cats[pair[0]] || {}).label || pair[0]) + " " + pair[1]));
        grid.appendChild(line);
      });
      if (statusCounts && statusCounts.length) {
        var stages = el("div", "sd-legend-stages");
        statusCounts.forEach(function (pair) {
          var line = el("div", "sd-legend-row");
          var sw = el("span", "sd-swatch sd-swatch-stage");
          var color = (SD.cfg.status_colors || {})[pair[0]];
          if (SAFE_COLOR.test(color || "")) sw.style.background = color;
          line.appendChild(sw);
          line.appendChild(el("span", null, ((SD.cfg.status_labels || {})[pair[0]] || pair[0]) + " " + pair[1]));
          stages.appendChild(line);
        });
        box.appendChild(stages);
      }
      (notes || []).forEach(function (text) {
        box.appendChild(el("div", "sd-legend-note", text));
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    return ctl;
  }

  function choroLegend(ch) {
    var ctl = L.control({ position: "bottomleft" });
    ctl.onAdd = function () {
      var box = el("div", "sd-legend sd-choro-legend");
      box.appendChild(el("div", "sd-legend-title", ch.title || ""));
      (ch.legend || []).forEach(function (pair) {
        var line = el("div", "sd-legend-row");
        var sw = el("span", "sd-swatch");
        if (SAFE_COLOR.test(pair[0])) sw.style.background = pair[0];
        line.appendChild(sw);
        line.appendChild(el("span", null, pair[1]));
        box.appendChild(line);
      });
      return box;
    };
    return ctl;
  }

  // ---------------------------------------------------------------------------------------------
  // projects and shading for one filter state

  SD.render = function (group, st) {
    var seq = ++renderSeq;
    setState("loading");
    SD.base = st.base;
    var map = SD.map;
    var dataP = getJSON(st.base + "markers.json");
    Promise.all([dataP, SD.layersReady])
      .then(function (res) {
        if (seq !== renderSeq) return; // a newer filter state arrived meanwhile
        var data = res[0];
        drawChoropleth(group, st.choro);
        var idx = st.idx;
        if (idx === null || idx === undefined) {
          idx = [];
          for (var k = 0; k < data.n; k++) idx.push(k);
        }
        var cluster = L.markerClusterGroup({
          iconCreateFunction: clusterIcon,
          maxClusterRadius: 40,
          spiderfyOnMaxZoom: true,
          showCoverageOnHover: false,
          zoomToBoundsOnClick: true,
          chunkedLoading: true,
          spiderLegPolylineOptions: { weight: 1.2, color: "#333", opacity: 0.6 },
        });
        var markers = [];
        var lines = L.featureGroup();
        var byIndex = {}; // project index -> the layer that shows it (a stack for a project in one)
        var stackOf = {}; // project index -> its stack's member indices
        var nPoints = 0,
          nLines = 0;
        var atPoint = {}; // "lat,lon" -> indices of the points drawn there
        var points = [];

        // Leaflet calls a content function again on every popup.update(); the details fill in later and
        // update() the popup, so the content is built once per symbol (a new one each time would fetch,
        // fill and update again, forever: the tab froze on every click)
        function bind(layer, makeContent, makeTip) {
          var content = null;
          layer.bindPopup(function () {
            if (!content) content = makeContent();
            return content;
          }, popupSize());
          layer.bindTooltip(makeTip, { direction: "top", sticky: false, opacity: 0.95 });
          layer.on("popupopen", function (e) {
            SD.openPopup = e.popup;
          });
        }

        idx.forEach(function (i) {
          var line = data.line[i];
          var cat = data.cats[data.cat[i]];
          if (line) {
            var color = (SD.cfg.cats[cat] || {}).color || "#555";
            var layer = L.polyline(
              line.map(function (part) {
                return part.map(function (c) {
                  return [c[1], c[0]];
                });
              }),
              { color: SAFE_COLOR.test(color) ? color : "#555", weight: 4, opacity: 0.9, className: "sd-line" }
            );
            bind(layer, function () {
              return popupContent(data, i);
            }, function () {
              return tooltipContent(data, i);
            });
            lines.addLayer(layer);
            byIndex[i] = layer;
            nLines++;
          } else if (data.lat[i] !== null && data.lon[i] !== null) {
            // (no position in the catalog: listed in the table, not drawn)
            var key = data.lat[i] + "," + data.lon[i];
            if (!atPoint[key]) {
              atPoint[key] = [];
              points.push(atPoint[key]);
            }
            atPoint[key].push(i);
            nPoints++;
          }
        });

        var drawn = { stacks: 0, approx: 0 };
        points.forEach(function (members) {
          var first = members[0];
          var layer;
          var cats = {};
          var approx = false;
          members.forEach(function (i) {
            var c = data.cats[data.cat[i]];
            cats[c] = (cats[c] || 0) + 1;
            approx = approx || isAreaPoint(data, i);
          });
          var ll = [data.lat[first], data.lon[first]];
          if (members.length === 1) {
            var cat = data.cats[data.cat[first]];
            layer = L.marker(ll, { icon: symbolIcon(cat, data.r[first], approx), riseOnHover: true, sdCats: cats });
            bind(layer, function () {
              return popupContent(data, first);
            }, function () {
              return tooltipContent(data, first);
            });
          } else {
            layer = L.marker(ll, {
              icon: stackIcon(cats, members.length, approx),
              riseOnHover: true,
              sdCats: cats,
            });
            bind(layer, function () {
              return stackContent(data, members, layer);
            }, function () {
              var box = el("div", "sd-tip");
              box.appendChild(el("div", "sd-tip-name", fill((SD.cfg.labels || {}).tip_stack, { n: members.length })));
              if (approx) {
                box.appendChild(el("div", "sd-tip-note", fill((SD.cfg.labels || {}).tip_admin, { level: levelWord(data, first) })));
              }
              return box;
            });
          }
          if (members.length > 1) drawn.stacks++;
          if (approx) drawn.approx++;
          members.forEach(function (i) {
            byIndex[i] = layer;
            if (members.length > 1) stackOf[i] = members;
          });
          markers.push(layer);
        });
        group.addLayer(lines);
        group.addLayer(cluster);
        var finished = false;
        function finish() {
          if (finished || seq !== renderSeq) return;
          finished = true;
          SD.cluster = cluster;
          SD.byIndex = byIndex;
          SD.stackOf = stackOf;
          SD.data = data;
          replaceControl("legend", categoryLegend(st.counts, legendNotes(st, drawn), st.status_counts));
          document.body.setAttribute("data-sd-count", String(nPoints + nLines));
          document.body.setAttribute("data-sd-points", String(nPoints));
          document.body.setAttribute("data-sd-lines", String(nLines));
          document.body.setAttribute("data-sd-render", String(seq));

          var sel = st.sel;
          if (sel !== null && sel !== undefined && byIndex[sel]) {
            SD.moved = true; // no later "fit Shandong" over this view
            var target = byIndex[sel];
            // a popup of its own at the project (does not depend on how the clusters are drawn right now)
            var popup = L.popup(popupSize());
            SD.openPopup = popup; // (re-pans once the details have filled it)
            popup.setContent(popupContent(data, sel));
            if (target instanceof L.Marker) {
              map.setView(target.getLatLng(), Math.max(map.getZoom(), 10), { animate: false });
              popup.setLatLng(target.getLatLng());
            } else {
              map.fitBounds(target.getBounds(), { maxZoom: 11, padding: [30, 30], animate: false });
              popup.setLatLng(target.getCenter());
            }
            popup.openOn(map);
          } else if (st.fit && st.fit !== "all" && idx.length && st.fit !== SD.lastFit) {
            SD.moved = true;
            var b = L.latLngBounds([]);
            markers.forEach(function (m) {
              b.extend(m.getLatLng());
            });
            if (lines.getLayers().length) b.extend(lines.getBounds());
            if (b.isValid()) map.fitBounds(b, { maxZoom: 10, padding: [30, 30] });
          } else if (st.fit === "all" && SD.cfg.bounds && SD.lastFit && SD.lastFit !== "all") {
            map.fitBounds(SD.cfg.bounds);
          }
          SD.lastFit = st.fit;
          SD.ready = true;
          setState("ready");
        }
        // markers are clustered in chunks (keeps the page responsive with 10,000 projects): ready when done
        // (the plugin reports the last chunk before it recalculates the clusters: finish after that)
        cluster.options.chunkProgress = function (done, total) {
          if (done >= total) setTimeout(finish, 0);
        };
        if (markers.length) cluster.addLayers(markers);
        else finish();
      })
      .catch(function (err) {
        if (window.console) console.error(err && err.stack ? err.stack : err);
        SD.showError(String(err));
      });
  };

  function drawChoropleth(group, ch) {
    replaceControl("choroLegend", null);
    if (!ch || !SD.geo) return;
    var fc = SD.geo[ch.level];
    if (!fc) return;
    var values = ch.values || {};
    var lab = ch.value_label || "";
    L.geoJSON(fc, {
      pane: "sdChoro",
      style: function (f) {
        var v = values[(f.properties || {}).adcode];
        return {
          stroke: false,
          fillColor: v && SAFE_COLOR.test(v[1]) ? v[1] : "#ffffff",
          fillOpacity: v ? 0.75 : 0.0,
        };
      },
      onEachFeature: function (f, layer) {
        var p = f.properties || {};
        var v = values[p.adcode];
        layer.bindTooltip(
          function () {
            var box = el("div", "sd-tip");
            box.appendChild(el("b", null, p.name || ""));
            box.appendChild(el("div", null, lab + ": " + (v ? v[2] : "0")));
            return box;
          },
          { sticky: true }
        );
      },
    }).addTo(group);
    replaceControl("choroLegend", choroLegend(ch));
  }

  // ---------------------------------------------------------------------------------------------
  // Streamlit component protocol: ready -> render {args} (every script run) -> set the frame height

  function toParent(type, data) {
    var msg = { isStreamlitMessage: true, type: type };
    for (var k in data || {}) msg[k] = data[k];
    window.parent.postMessage(msg, "*");
  }

  // drop cached files of other catalog or boundary versions
  function pruneCache(keep) {
    try {
      if (!window.caches || !window.isSecureContext) return;
      window.caches
        .open(CACHE_NAME)
        .then(function (c) {
          return c.keys().then(function (reqs) {
            reqs.forEach(function (r) {
              var wanted = keep.some(function (k) {
                return r.url.indexOf(k) === 0;
              });
              if (!wanted) c.delete(r);
            });
          });
        })
        .catch(function () {});
    } catch (e) {
      /* no cache then */
    }
  }

  var pruned = false;
  var pending = null,
    lastCfg = null,
    lastState = null,
    group = null,
    height = 0;

  function apply() {
    if (!pending || document.readyState === "loading" || !window.L) return;
    var args = pending;
    pending = null;
    var cfgText = JSON.stringify(args.cfg);
    var stateText = JSON.stringify(args.state);
    if (cfgText !== lastCfg) {
      // first run, or another language: a new map
      if (SD.map) {
        renderSeq++;
        SD.map.remove();
        SD.legend = SD.choroLegend = SD.errorControl = null;
        SD.lastFit = null;
        SD.ready = false;
      }
      // half-step zoom snapping: a phone-sized map fits Shandong at 5.5 instead of 5 (a quarter of the width)
      var map = L.map("map", { center: [36.4, 118.6], zoom: 7, maxZoom: 18, minZoom: 5, zoomSnap: 0.5 });
      SD.init(map, args.cfg);
      group = L.featureGroup().addTo(map);
      lastCfg = cfgText;
      lastState = null;
    }
    if (stateText !== lastState) {
      lastState = stateText;
      group.clearLayers();
      SD.render(group, args.state);
    }
  }

  // args: {cfg_url, layers: [URLs], state, height}; the configuration comes from its file (fetched once)
  var latest = null;
  function onArgs(args) {
    if (!args || !args.cfg_url || !args.state) return;
    latest = args;
    if (args.height && args.height !== height) {
      height = args.height;
      toParent("streamlit:setFrameHeight", { height: height });
    }
    // start the downloads now, while Leaflet may still be loading
    var layers = args.layers || [];
    layers.forEach(getJSON);
    if (args.state.base) getJSON(args.state.base + "markers.json");
    if (!pruned) {
      pruned = true;
      var keep = layers.concat([args.cfg_url]).map(function (u) {
        return new URL(".", new URL(u, document.baseURI)).href;
      });
      if (args.state.base) keep.push(new URL(args.state.base, document.baseURI).href);
      pruneCache(keep);
    }
    getJSON(args.cfg_url)
      .then(function (cfg) {
        if (latest !== args) return; // a newer run's arguments arrived meanwhile
        pending = { cfg: cfg, state: args.state };
        apply();
      })
      .catch(function (err) {
        document.body.textContent = String(err);
        setState("error");
      });
  }

  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || !e.data || e.data.type !== "streamlit:render") return;
    onArgs(e.data.args);
  });
  document.addEventListener("DOMContentLoaded", apply);
  if (window.parent !== window) toParent("streamlit:componentReady", { apiVersion: 1 });
})();
