// Runs before the stylesheet paints: picks the saved theme so a light-theme user never sees a dark flash.
(function () {
  var theme = 'dark';
  try {
    if (localStorage.getItem('supertonic.theme') === 'light') theme = 'light';
  } catch (e) {
    // Storage can be disabled (privacy mode); the dark default is fine then.
  }
  var root = document.documentElement;
  root.classList.remove('dark', 'light');
  root.classList.add(theme);
  root.dataset.theme = theme;
})();
