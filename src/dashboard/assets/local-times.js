// Times on the delivery pages in the viewer's own time zone: each <time data-local="style">
// holds an ISO date and one of Discord's timestamp styles (t, T, d, D, f, F, R), written as
// Discord would write it for this reader. The server's UTC text stays without JavaScript.
(function () {
  var STYLES = {
    t: { hour: '2-digit', minute: '2-digit' },
    T: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
    d: { day: '2-digit', month: '2-digit', year: 'numeric' },
    D: { day: 'numeric', month: 'long', year: 'numeric' },
    f: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
    F: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  };
  function relative(ms) {
    var minutes = Math.round(Math.abs(ms) / 60000);
    var text =
      minutes < 60
        ? minutes + ' minute' + (minutes === 1 ? '' : 's')
        : minutes < 2880
          ? Math.round(minutes / 60) + ' hours'
          : Math.round(minutes / 1440) + ' days';
    return ms >= 0 ? 'in ' + text : text + ' ago';
  }
  function render() {
    document.querySelectorAll('time[data-local]').forEach(function (element) {
      var at = Date.parse(element.getAttribute('datetime'));
      if (isNaN(at)) return;
      var style = element.getAttribute('data-local');
      element.textContent = style === 'R' ? relative(at - Date.now()) : new Date(at).toLocaleString(undefined, STYLES[style] || STYLES.f);
    });
  }
  document.addEventListener('DOMContentLoaded', render);
  document.addEventListener('htmx:afterSwap', render);
  setInterval(render, 30000);
})();
