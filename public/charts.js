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
  // A map carries its communes' contours (GeoJSON) under `carnetMap`: registered with ECharts
  // under its name before the option is set, then taken out of the option.
  function parse(json) {
    var option = revive(JSON.parse(json));
    if (option.carnetMap) {
      echarts.registerMap(option.carnetMap.name, option.carnetMap.geoJSON);
      delete option.carnetMap;
    }
    return option;
  }
  // Titles, subtitles and source lines wrap to the chart's width (never cut): what they gain
  // in lines moves the plot and the legend, and the chart grows by as much, so that a long
  // title at 320 px pushes the bars down rather than over them.
  var ruler = null;
  function lineCount(text, font, width) {
    if (!text) return 0;
    ruler = ruler || document.createElement("canvas").getContext("2d");
    ruler.font = font;
    var count = 0;
    String(text).split("\n").forEach(function (paragraph) {
      var line = "";
      count += 1;
      // Spaces only: ECharts never breaks at a no-break space (29 440 €).
      paragraph.split(/[ \t]+/).forEach(function (word) {
        var next = line ? line + " " + word : word;
        if (line && ruler.measureText(next).width > width) { count += 1; line = word; } else { line = next; }
      });
    });
    return count;
  }
  // Wraps one text style; returns the height its text gains beyond one line.
  function wrap(style, text, size, weight, width) {
    style.width = width;
    style.overflow = "break";
    style.lineHeight = Math.round(size * 1.3);
    var font = (style.fontWeight || weight) + " " + (style.fontSize || size) + "px sans-serif";
    return Math.max(0, lineCount(text, font, width) - 1) * style.lineHeight;
  }
  function shift(component, key, by) {
    (Array.isArray(component) ? component : component ? [component] : []).forEach(function (c) {
      if (typeof c[key] === "number") c[key] += by;
    });
  }
  // Lays the titles out for a chart `width` × `height` pixels; returns the height it must gain.
  function fit(option, width, height) {
    var titles = Array.isArray(option.title) ? option.title : option.title ? [option.title] : [];
    var room = Math.max(120, (width || 800) - 32);
    var top = 0, bottom = 0;
    titles.forEach(function (t) {
      var gained = wrap(t.textStyle || (t.textStyle = {}), t.text, 18, "bold", room);
      if (t.subtext) gained += wrap(t.subtextStyle || (t.subtextStyle = {}), t.subtext, 12, "normal", room);
      if (t.bottom !== undefined && t.top === undefined) bottom += gained; else top += gained;
    });
    shift(option.grid, "top", top);
    shift(option.legend, "top", top);
    shift(option.grid, "bottom", bottom);
    shift(option.visualMap, "bottom", bottom);
    if (option.graphic && option.graphic.elements) shift(option.graphic.elements, "bottom", bottom);
    // A donut sits between the titles and the source line, its labels around it in the room left.
    var pies = (Array.isArray(option.series) ? option.series : []).filter(function (p) { return p && p.type === "pie"; });
    if (pies.length && height) {
      var from = 72 + top, to = height + top - 40;
      var outer = Math.max(48, Math.min((width || 800) * 0.24, (to - from) / 2 - 24));
      pies.forEach(function (p) {
        p.center = ["50%", Math.round((from + to) / 2)];
        p.radius = [Math.round(outer * 0.6), Math.round(outer)];
      });
    }
    // A map keeps its shape between the titles and the source line: beside its legend on a
    // screen, above it on a phone.
    var maps = (Array.isArray(option.series) ? option.series : []).filter(function (m) { return m && m.type === "map"; });
    if (maps.length && height) {
      var narrow = (width || 800) < 600, legend = narrow ? 112 : 0;
      var first = titles.length ? 80 + top : 8, last = height + top - (titles.length ? 48 : 8) - legend;
      maps.forEach(function (m) {
        m.layoutCenter = [narrow ? "50%" : "58%", Math.round((first + last) / 2)];
        m.layoutSize = Math.max(120, Math.round(Math.min((width || 800) * (narrow ? 0.92 : 0.66), last - first)));
      });
    }
    return top + bottom;
  }
  // Draws `json` off screen, `width` wide, `height` plus what its titles gain, and hands the
  // chart to `out`; null if it cannot be drawn.
  function offscreen(json, width, height, renderer, out, credit) {
    var chart = null;
    try {
      var option = parse(json);
      option.animation = false;
      // The line under the chart in a file: its source, note and date.
      var titles = Array.isArray(option.title) ? option.title : [];
      var foot = titles[titles.length - 1];
      if (credit && foot && foot.bottom !== undefined) foot.text = credit;
      var el = renderer === "svg" ? null : document.createElement("div");
      chart = echarts.init(el, null, {
        renderer: renderer, ssr: renderer === "svg", locale: "FR", width: width, height: height + fit(option, width, height),
      });
      chart.setOption(option);
      return out(chart);
    } catch (e) {
      return null;
    } finally {
      if (chart) chart.dispose();
    }
  }
  // The keyboard reaches the tooltips: once the chart has the focus, ← → (Début, Fin) show the
  // values one by one, Échap hides them.
  function points(option) {
    var series = Array.isArray(option.series) ? option.series[0] : option.series;
    return series && Array.isArray(series.data) ? series.data.length : 0;
  }
  function hideTip(e) {
    var chart = echarts.getInstanceByDom(e.currentTarget);
    if (chart) chart.dispatchAction({ type: "hideTip" });
  }
  function onKey(e) {
    var el = e.currentTarget, chart = echarts.getInstanceByDom(el), n = el.carnetPoints || 0;
    if (!chart || !n) return;
    var at = typeof el.carnetTip === "number" ? el.carnetTip : -1;
    var next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: n - 1 }[e.key];
    if (e.key === "Escape") { el.carnetTip = -1; chart.dispatchAction({ type: "hideTip" }); return; }
    if (next === undefined) return;
    e.preventDefault();
    el.carnetTip = Math.max(0, Math.min(n - 1, next));
    chart.dispatchAction({ type: "showTip", seriesIndex: 0, dataIndex: el.carnetTip });
    // The tooltip is drawn on the canvas: what it says is written where screen readers hear it.
    var live = el.dataset.live && document.getElementById(el.dataset.live);
    if (live) live.textContent = tipText(chart.getOption(), el.carnetTip, el.carnetFormat || number);
  }
  // The values at `i`, as the tooltip gives them: the category, then each series' value.
  function tipText(option, i, format) {
    var series = option.series || [];
    var axis = [].concat(option.xAxis || [], option.yAxis || []).filter(function (a) { return a.type === "category"; })[0];
    var first = series[0] && series[0].data ? series[0].data[i] : null;
    var name = (first && first.name) || (axis && axis.data ? String(axis.data[i]) : "");
    var values = series.map(function (s) {
      var d = s.data ? s.data[i] : null;
      var v = d && typeof d === "object" ? d.value : d;
      return (series.length > 1 ? s.name + " " : "") + format(v);
    });
    return (name ? name + " : " : "") + values.join(", ");
  }
  var observed = new WeakSet();
  var resizer = typeof ResizeObserver === "function"
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (e) {
          var el = e.target, chart = echarts.getInstanceByDom(el);
          if (!chart) return;
          // Another width wraps the titles differently: laid out again.
          if (el.carnetOption && el.clientWidth !== el.carnetWidth) window.carnetCharts.render(el, el.carnetOption);
          else chart.resize();
        });
      })
    : null;
  window.carnetCharts = {
    render: function (el, json) {
      var chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { locale: "FR", renderer: "canvas" });
      el.dataset.rendered = "false";
      chart.off("finished");
      chart.on("finished", function () { el.dataset.rendered = "true"; });
      var option = parse(json);
      // The page's own headings carry the titles (the standalone page): the canvas keeps the plot.
      if (el.dataset.titles === "page") { delete option.title; shift(option.grid, "top", -48); shift(option.legend, "top", -56); }
      // The height asked for (the page sets it before each drawing), not the one grown last time.
      var base = el.style.height === el.carnetHeight ? el.carnetBase : parseFloat(el.style.height) || el.clientHeight;
      el.carnetBase = base;
      el.style.height = base + fit(option, el.clientWidth, base) + "px";
      el.carnetHeight = el.style.height;
      el.carnetWidth = el.clientWidth;
      chart.resize();
      chart.setOption(option, true);
      el.carnetOption = json;
      el.carnetPoints = points(option);
      el.carnetFormat = option.tooltip && typeof option.tooltip.valueFormatter === "function" ? option.tooltip.valueFormatter : null;
      if (resizer && !observed.has(el)) { resizer.observe(el); observed.add(el); }
      if (!el.carnetKeys) { el.carnetKeys = true; el.addEventListener("keydown", onKey); el.addEventListener("blur", hideTip); }
    },
    dispose: function (el) {
      var chart = echarts.getInstanceByDom(el);
      if (chart) chart.dispose();
    },
    // The chart on screen as PNG bytes at `ratio` times its size, on white, `credit` (source,
    // note, date) under it; null without one.
    png: function (el, ratio, credit) {
      if (!el || !el.carnetOption) return null;
      return window.carnetCharts.pngOf(el.carnetOption, el.clientWidth || 800, el.carnetBase || el.clientHeight || 420, ratio || 1, credit);
    },
    // The chart on screen drawn again as SVG (ECharts' SVG renderer), at its size, `credit` under it.
    svg: function (el, credit) {
      if (!el || !el.carnetOption) return null;
      return window.carnetCharts.svgOf(el.carnetOption, el.clientWidth || 800, el.carnetBase || el.clientHeight || 420, credit);
    },
    // A chart drawn from its option alone, off screen, as PNG bytes at `ratio` times `width` ×
    // `height` (the kit's image of each chart kept in the dossier); null if it cannot be drawn.
    pngOf: function (json, width, height, ratio, credit) {
      return offscreen(json, width, height, "canvas", function (chart) {
        var url = chart.getDataURL({ type: "png", pixelRatio: ratio || 2, backgroundColor: "#ffffff" });
        var binary = atob(url.slice(url.indexOf(",") + 1));
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        return bytes;
      }, credit);
    },
    // A chart drawn from its option alone as SVG (ECharts' SVG renderer, server-side mode).
    svgOf: function (json, width, height, credit) {
      return offscreen(json, width, height, "svg", function (chart) { return chart.renderToSVGString(); }, credit);
    },
    // Exposed for tests and later exports.
    revive: revive,
  };
})();
