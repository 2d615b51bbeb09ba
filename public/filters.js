// The findings filter applies as soon as a drop-down changes; without this script the
// filter button does the same.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-autosubmit]');
    if (!form) return;
    form.addEventListener('change', function () {
      form.submit();
    });
  });
})();
