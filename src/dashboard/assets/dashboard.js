// Times in the viewer's own time zone. Each <time data-countdown> holds an ISO date of an
// episode: its text becomes a countdown, rewritten every 30 seconds. Each <time data-local>
// holds an ISO date of the past (an audit log entry): its text becomes that date and time.
(function () {
  function renderLocal() {
    document.querySelectorAll('time[data-local]').forEach(function (element) {
      var at = Date.parse(element.getAttribute('datetime'));
      if (isNaN(at)) return;
      element.textContent = new Date(at).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
      element.title = element.getAttribute('datetime');
    });
  }

  function render() {
    var now = Date.now();
    document.querySelectorAll('time[data-countdown]').forEach(function (element) {
      var at = Date.parse(element.getAttribute('datetime'));
      if (isNaN(at)) return;
      var local = new Date(at).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
      var minutes = Math.round((at - now) / 60000);
      var left;
      if (minutes <= 0) left = 'airing now';
      else if (minutes < 60) left = 'in ' + minutes + ' min';
      else if (minutes < 48 * 60) left = 'in ' + Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
      else left = 'in ' + Math.round(minutes / 1440) + ' days';
      element.textContent = local + ' (' + left + ')';
    });
  }
  document.addEventListener('DOMContentLoaded', render);
  document.addEventListener('htmx:afterSwap', render);
  document.addEventListener('DOMContentLoaded', renderLocal);
  document.addEventListener('htmx:afterSwap', renderLocal);
  setInterval(render, 30000);
})();
