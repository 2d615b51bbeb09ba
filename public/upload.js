// Progressive enhancement of the upload form: drag and drop of one or several files, a progress
// bar for the upload and a busy state while the server checks. Without this script the form posts as usual.
(function () {
  'use strict';

  function init(form) {
    var input = form.querySelector('[data-file]');
    var zone = form.querySelector('[data-dropzone]');
    var fileName = form.querySelector('[data-file-name]');
    var progress = form.querySelector('[data-progress]');
    var bar = form.querySelector('[data-progress-bar]');
    var text = form.querySelector('[data-progress-text]');
    var submit = form.querySelector('[data-submit]');

    // One file by its name; several by their count and names (the server reads them as one audit).
    function showName() {
      var files = input.files ? Array.prototype.slice.call(input.files) : [];
      if (files.length < 2) {
        fileName.textContent = files.length ? files[0].name : '';
        return;
      }
      var count = (input.getAttribute('data-chosen') || '{n}').replace('{n}', String(files.length));
      fileName.textContent = count + ': ' + files.map(function (f) { return f.name; }).join(', ');
    }
    input.addEventListener('change', showName);

    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add('dragging');
      });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      zone.addEventListener(type, function () {
        zone.classList.remove('dragging');
      });
    });
    zone.addEventListener('drop', function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        showName();
      }
    });

    form.addEventListener('submit', function (event) {
      if (!window.XMLHttpRequest || !window.FormData || !input.files || !input.files.length) return;
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open('POST', form.action);
      progress.hidden = false;
      submit.disabled = true;
      form.classList.add('busy');
      text.textContent = text.getAttribute('data-uploading');
      request.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      });
      request.upload.addEventListener('load', function () {
        bar.value = 100;
        bar.removeAttribute('value'); // an indeterminate bar while the server checks
        text.textContent = text.getAttribute('data-checking');
      });
      request.addEventListener('load', function () {
        // A stored audit: XHR followed the redirect to its page. Anything else (the errors of a
        // rejected workbook, a size limit): show the page the server sent.
        if (request.status === 200 && request.responseURL && request.responseURL.indexOf('/audits/') !== -1) {
          window.location.assign(request.responseURL);
          return;
        }
        var page = new DOMParser().parseFromString(request.responseText, 'text/html');
        document.title = page.title;
        document.body.replaceWith(document.adoptNode(page.body));
        var again = document.querySelector('form[data-upload]');
        if (again) init(again);
      });
      request.addEventListener('error', function () {
        text.textContent = text.getAttribute('data-failed');
        submit.disabled = false;
        form.classList.remove('busy');
      });
      request.send(new FormData(form));
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-upload]');
    if (form) init(form);
  });
})();
