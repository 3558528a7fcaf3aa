// Quiz attempt page: a countdown from the server's remaining time. The server
// keeps the real deadline; when this reaches zero the form is submitted.
(function () {
  var timer = document.querySelector("[data-remaining]");
  if (!timer) return;
  var value = timer.querySelector(".quiz-timer__value");
  var ends = Date.now() + parseInt(timer.dataset.remaining, 10) * 1000;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
    value.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
    if (left <= 60) timer.classList.add("quiz-timer--urgent");
    if (left === 0) {
      clearInterval(handle);
      // Time is up: submit without asking about unanswered questions.
      var form = document.getElementById("quiz-form");
      var confirm = document.createElement("input");
      confirm.type = "hidden";
      confirm.name = "confirm";
      confirm.value = "1";
      form.appendChild(confirm);
      form.submit();
    }
  }
  var handle = setInterval(tick, 1000);
  tick();
})();
