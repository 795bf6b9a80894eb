// Carnet's ECharts mount. Loaded as a classic script after echarts.min.js and langFR.js.
// The engine builds the option; this file only turns its formatter placeholders into
// French number formatting and keeps each chart sized to its element.
(function () {
  "use strict";
  var fr = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
  var share = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
  function number(v) {
    if (v === null || v === undefined || v === "-" || v === "" || isNaN(Number(v))) return "valeur manquante";
    return fr.format(Number(v));
  }
  function abs(v) { return v === null || v === undefined || v === "-" || v === "" ? v : Math.abs(Number(v)); }
  var formatters = {
    "{carnet:fr-value}": function (value) { return number(value); },
    "{carnet:fr-params}": function (params) { return number(params && params.value); },
    // The age pyramid: men drawn to the left, their numbers written without the sign.
    "{carnet:fr-abs}": function (value) { return number(abs(value)); },
    "{carnet:fr-abs-params}": function (params) { return number(abs(params && params.value)); },
    // A donut's slice: its name and its share, one decimal.
    "{carnet:fr-share-params}": function (params) {
      return params.name + " : " + share.format(params.percent) + "\u00a0%";
    },
  };
  // "{carnet:fr-value:€}": the same with a unit after a no-break space.
  function withUnit(node) {
    var m = /^\{carnet:(fr-value|fr-params):(.+)\}$/.exec(node);
    if (!m) return null;
    var unit = "\u00a0" + m[2];
    return m[1] === "fr-value"
      ? function (value) { var t = number(value); return t === "valeur manquante" ? t : t + unit; }
      : function (params) { var t = number(params && params.value); return t === "valeur manquante" ? t : t + unit; };
  }
  // Replaces placeholder strings anywhere in the option by the matching function.
  function revive(node) {
    if (Array.isArray(node)) return node.map(revive);
    if (node && typeof node === "object") {
      var out = {};
      Object.keys(node).forEach(function (k) { out[k] = revive(node[k]); });
      return out;
    }
    if (typeof node === "string" && Object.prototype.hasOwnProperty.call(formatters, node)) return formatters[node];
    if (typeof node === "string" && node.indexOf("{carnet:") === 0) return withUnit(node) || node;
    return node;
  }
  var observed = new WeakSet();
  var resizer = typeof ResizeObserver === "function"
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (e) {
          var chart = echarts.getInstanceByDom(e.target);
          if (chart) chart.resize();
        });
      })
    : null;
  window.carnetCharts = {
    render: function (el, json) {
      var chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { locale: "FR", renderer: "canvas" });
      el.dataset.rendered = "false";
      chart.off("finished");
      chart.on("finished", function () { el.dataset.rendered = "true"; });
      var option = revive(JSON.parse(json));
      // A title longer than the chart is cut with an ellipsis (the figure's text says it whole).
      (Array.isArray(option.title) ? option.title : [option.title]).forEach(function (t) {
        if (t && t.textStyle && el.clientWidth) {
          t.textStyle.width = Math.max(120, el.clientWidth - 32);
          t.textStyle.overflow = "truncate";
        }
      });
      chart.setOption(option, true);
      el.carnetOption = json;
      if (resizer && !observed.has(el)) { resizer.observe(el); observed.add(el); }
    },
    dispose: function (el) {
      var chart = echarts.getInstanceByDom(el);
      if (chart) chart.dispose();
    },
    // The chart as PNG bytes at `ratio` times its size on screen, on white; null without one.
    png: function (el, ratio) {
      var chart = el && echarts.getInstanceByDom(el);
      if (!chart) return null;
      var url = chart.getDataURL({ type: "png", pixelRatio: ratio || 1, backgroundColor: "#ffffff" });
      var binary = atob(url.slice(url.indexOf(",") + 1));
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    },
    // The chart in an element drawn again as SVG (ECharts' SVG renderer), at its size on screen.
    svg: function (el) {
      if (!el || !el.carnetOption) return null;
      var chart = echarts.init(null, null, {
        renderer: "svg", ssr: true, locale: "FR", width: el.clientWidth || 800, height: el.clientHeight || 420,
      });
      var option = revive(JSON.parse(el.carnetOption));
      option.animation = false;
      chart.setOption(option);
      var svg = chart.renderToSVGString();
      chart.dispose();
      return svg;
    },
    // A chart drawn from its option alone, off screen, as PNG bytes at `ratio` times `width` ×
    // `height` (the kit's image of each chart kept in the dossier); null if it cannot be drawn.
    pngOf: function (json, width, height, ratio) {
      var el = document.createElement("div");
      var chart = echarts.init(el, null, { renderer: "canvas", locale: "FR", width: width, height: height });
      try {
        var option = revive(JSON.parse(json));
        option.animation = false;
        chart.setOption(option);
        var url = chart.getDataURL({ type: "png", pixelRatio: ratio || 2, backgroundColor: "#ffffff" });
        var binary = atob(url.slice(url.indexOf(",") + 1));
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        return bytes;
      } catch (e) {
        return null;
      } finally {
        chart.dispose();
      }
    },
    // A chart drawn from its option alone as SVG (ECharts' SVG renderer, server-side mode).
    svgOf: function (json, width, height) {
      var chart = echarts.init(null, null, { renderer: "svg", ssr: true, locale: "FR", width: width, height: height });
      try {
        var option = revive(JSON.parse(json));
        option.animation = false;
        chart.setOption(option);
        return chart.renderToSVGString();
      } catch (e) {
        return null;
      } finally {
        chart.dispose();
      }
    },
    // Exposed for tests and later exports.
    revive: revive,
  };
})();
