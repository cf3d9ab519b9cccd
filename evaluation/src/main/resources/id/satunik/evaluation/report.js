// Draws the charts of a SatuNIK evaluation report from the JSON embedded in the page (Chart.js, inlined above).
(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('report').textContent);
  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
  Chart.defaults.animation = false;
  Chart.defaults.font.size = 11;

  // 3 significant digits for values, plain decades for axis ticks (1%, 0.1%, 0.01%).
  function rate(v) {
    return v === 0 ? '0' : Number((v * 100).toPrecision(3)) + '%';
  }
  function tick(v) {
    var decades = [1, 0.1, 0.01, 0.001, 0.0001, 0.00001, 0.000001];
    return decades.indexOf(v) >= 0 ? Number((v * 100).toPrecision(1)) + '%' : '';
  }

  // One line per series; points where a rate is 0 have no place on a log axis and are left out.
  function det(id, series, xKey, yKey, xLabel, yLabel, title) {
    var canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    var datasets = series.map(function (s, i) {
      var data = s.points
        .filter(function (p) { return p[xKey] > 0 && p[yKey] > 0; })
        .map(function (p) { return {x: p[xKey], y: p[yKey], t: p.threshold}; });
      return {
        label: s.label, data: data, showLine: true, borderColor: s.color || palette[i % palette.length],
        backgroundColor: s.color || palette[i % palette.length], pointRadius: 0, borderWidth: s.width || 1.5
      };
    });
    new Chart(canvas, {
      type: 'scatter',
      data: {datasets: datasets},
      options: {
        maintainAspectRatio: false,
        plugins: {
          title: {display: true, text: title},
          tooltip: {callbacks: {label: function (c) {
            return c.dataset.label + ': ' + xLabel + ' ' + rate(c.raw.x) + ', ' + yLabel + ' ' + rate(c.raw.y)
              + (c.raw.t === null ? '' : ' at threshold ' + c.raw.t.toFixed(1));
          }}}
        },
        scales: {
          x: {type: 'logarithmic', title: {display: true, text: xLabel + ' (log)'}, max: 1,
              ticks: {callback: tick}},
          y: {type: 'logarithmic', title: {display: true, text: yLabel + ' (log)'}, max: 1,
              ticks: {callback: tick}}
        }
      }
    });
  }

  // Each list as a fraction of its own total, so both shapes show whatever their counts.
  function histogram(id, hist, matedKey, nonMatedKey, matedLabel, nonMatedLabel, title) {
    var canvas = document.getElementById(id);
    if (!canvas || !hist) {
      return;
    }
    var w = hist.binWidth;
    var n = hist[matedKey].length;
    var labels = [];
    for (var i = 0; i < n; i++) {
      labels.push(i === n - 1 ? '≥' + (i * w) : String(i * w));
    }
    function fractions(counts) {
      var total = counts.reduce(function (a, b) { return a + b; }, 0);
      return counts.map(function (c) { return total === 0 ? 0 : c / total; });
    }
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          {label: nonMatedLabel, data: fractions(hist[nonMatedKey]), backgroundColor: 'rgba(214,39,40,0.55)', barPercentage: 1, categoryPercentage: 1},
          {label: matedLabel, data: fractions(hist[matedKey]), backgroundColor: 'rgba(31,119,180,0.55)', barPercentage: 1, categoryPercentage: 1}
        ]
      },
      options: {
        maintainAspectRatio: false,
        plugins: {title: {display: true, text: title}},
        scales: {
          x: {stacked: false, title: {display: true, text: 'score (bins of ' + w + ', threshold 40 = recommended)'}},
          y: {title: {display: true, text: 'fraction of comparisons'}}
        }
      }
    });
  }

  // One modality's charts; p prefixes the canvas ids (finger+iris pages hold two modalities).
  function draw(r, p) {
    var v = r.verification;
    var detSeries = v.byDataset.length > 1
      ? v.byDataset.map(function (d) { return {label: d.scope, points: d.det}; }) : [];
    detSeries.push({label: 'all datasets', points: v.pooled.det, color: '#000', width: 2.5});
    det(p + 'det-verification', detSeries, 'fmr', 'fnmr', 'FMR', 'FNMR', 'DET, 1:1 verification');
    histogram(p + 'hist-verification', v.pooled.histogram, 'genuine', 'impostor', 'genuine', 'impostor',
      'Score histogram, all datasets');

    var id = r.identification;
    if (id && id.det) {
      det(p + 'det-identification', [{label: 'single impression', points: id.det}], 'fpir', 'fnir', 'FPIR', 'FNIR',
        'DET, open-set 1:N (gallery ' + id.gallerySizeMax + ')');
      histogram(p + 'hist-identification', id.histogram, 'mateAtRank1', 'nonMatedTop', 'mate (rank 1)',
        'best non-mated candidate', 'Search score histogram');
    }

    var levels = (r.fusion && r.fusion.levels) || [];
    var unit = r.modality === 'iris' ? [' eye', ' eyes'] : [' finger', ' fingers'];
    det(p + 'det-fusion', levels.map(function (l) {
      return {label: l.positions + (l.positions === 1 ? unit[0] : unit[1]), points: l.identification.det};
    }), 'fpir', 'fnir', 'FPIR', 'FNIR', 'DET, open-set 1:N by fused' + unit[1] + ' (gallery ' + r.fusion.gallerySizePerRound + ')');
    det(p + 'det-fusion-verification', levels.map(function (l) {
      return {label: l.positions + (l.positions === 1 ? unit[0] : unit[1]), points: l.verification.det};
    }), 'fmr', 'fnmr', 'FMR', 'FNMR', 'DET, person vs person 1:1 by fused' + unit[1]);
  }

  if (report.multimodal) {
    draw(report.finger, 'finger-');
    draw(report.iris, 'iris-');
    var m = report.multimodal.levels || [];
    var label = function (l) { return l.fingers + ' fingers + ' + l.eyes + ' eyes'; };
    det('det-multimodal', m.map(function (l) { return {label: label(l), points: l.identification.det}; }),
      'fpir', 'fnir', 'FPIR', 'FNIR', 'DET, open-set 1:N by fused fingers and eyes (gallery '
      + report.multimodal.gallerySizePerRound + ')');
    det('det-multimodal-verification', m.map(function (l) { return {label: label(l), points: l.verification.det}; }),
      'fmr', 'fnmr', 'FMR', 'FNMR', 'DET, person vs person 1:1 by fused fingers and eyes');
  } else {
    draw(report, '');
  }
})();
