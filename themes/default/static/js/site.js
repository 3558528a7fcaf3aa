// Behaviour shared by every page. Kept in a file: the Content-Security-Policy
// runs no inline handlers (onchange="..."), so markup asks with data- attributes.

// <select data-autosubmit> submits its form when the choice changes.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.requestSubmit();
});
