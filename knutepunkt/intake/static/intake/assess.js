// The assessment page: "Save the assessment" waits for a judgement's autosave still on its way.
// A reason typed and the button pressed at once start both together, and the button's post would
// carry the case's version from before the autosave (the server forgives that, but the two saves
// would still race for the database). Waiting lets the post carry the version the autosave
// swapped in. Without scripts there is no autosave and nothing to wait for.
(function () {
  "use strict";
  var form = document.querySelector("form[data-kp-autosave]");
  if (!form) {
    return;
  }
  var pending = 0;
  var wanted = false;
  var submitter = null;

  function submitIfIdle() {
    if (wanted && pending === 0) {
      wanted = false;
      if (submitter) {
        form.requestSubmit(submitter);
      } else {
        form.requestSubmit();
      }
    }
  }

  form.addEventListener("htmx:beforeRequest", function () {
    pending += 1;
  });
  form.addEventListener("htmx:afterRequest", function () {
    pending = Math.max(0, pending - 1);
    // htmx sends the next queued autosave after this event: look once it has.
    window.setTimeout(submitIfIdle, 0);
  });
  form.addEventListener("submit", function (event) {
    if (pending === 0) {
      return;
    }
    event.preventDefault();
    wanted = true;
    submitter = event.submitter || null;
    // Should an autosave never answer, post anyway: the server takes the same person's work.
    window.setTimeout(function () {
      pending = 0;
      submitIfIdle();
    }, 5000);
  });
})();
