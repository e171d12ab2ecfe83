/* backedu static page: show the lesson at once, then say how far its Python has got.
   Written in ES5 on purpose: it must run, and explain, in browsers too old for the rest.
   Timings are performance marks named "backedu:<step>", for tests and the benchmark. */
(function () {
  "use strict";
  var SLOW_MS = 45000;
  var STEPS = {
    program: [1, "The activities on this page are loading (step 1 of 4). You can start reading now."],
    python: [2, "Starting Python in your browser (step 2 of 4). You can keep reading."],
    activities: [3, "Setting up the activities (step 3 of 4)."],
    ready: [4, "The activities are ready."]
  };
  var state = "loading";
  var slowTimer = null;

  function mark(name, startTime) {
    try {
      if (startTime === undefined) { performance.mark("backedu:" + name); }
      else { performance.mark("backedu:" + name, { startTime: startTime }); }
    } catch (e) { /* marks are for measuring only */ }
  }
  mark("script");

  function node(id) { return document.getElementById(id); }

  function say(text, newState) {
    var box = node("backedu-boot");
    if (!box) { return; }
    if (newState) { state = newState; box.setAttribute("data-state", newState); }
    node("backedu-boot-text").textContent = text;
  }

  function step(name) {
    if (state !== "loading" && state !== "slow") { return; }
    var progress = node("backedu-boot-progress");
    if (progress) {
      progress.value = STEPS[name][0];
      progress.textContent = "step " + STEPS[name][0] + " of 4";
    }
    say(STEPS[name][1]);
  }

  function supported() {
    try {
      return typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function" &&
        typeof Worker === "function" && typeof Promise === "function" &&
        typeof Promise.allSettled === "function" && typeof BigInt64Array === "function" &&
        typeof BroadcastChannel === "function" && "noModule" in document.createElement("script");
    } catch (e) { return false; }
  }

  function fail(text) {
    if (state === "ready" || state === "failed") { return; }
    window.clearTimeout(slowTimer);
    var progress = node("backedu-boot-progress");
    if (progress) { progress.parentNode.removeChild(progress); }
    say(text, "failed");
    mark("failed");
  }

  // The kernel's Python reports from inside its worker how far it got (see the boot wheel's
  // startup.py), on a channel named for this page view so other open lessons do not mix in.
  var channelName = "backedu-boot-" + Math.random().toString(36).slice(2);
  var loadedModules = [];
  function listenToPython() {
    var channel = new BroadcastChannel(channelName);
    channel.onmessage = function (event) {
      var t = event.data || {};
      var origin = performance.timeOrigin;
      ["downloads", "packages", "imports"].forEach(function (name) {
        if (typeof t[name] === "number") { mark("python-" + name, t[name] - origin); }
      });
      if (t.modules) { loadedModules = t.modules; }
    };
  }

  // The kernel reads its settings from this page's config: add this view's channel name.
  function tellPython() {
    var config = node("jupyter-config-data");
    if (!config) { return; }
    var data = JSON.parse(config.textContent);
    var kernel = (data.litePluginSettings || {})["@jupyterlite/pyodide-kernel-extension:kernel"];
    if (!kernel || !kernel.loadPyodideOptions) { return; }
    kernel.loadPyodideOptions.env = kernel.loadPyodideOptions.env || {};
    kernel.loadPyodideOptions.env.BACKEDU_BOOT_CHANNEL = channelName;
    config.textContent = JSON.stringify(data);
  }

  // The kernel starts Python in a Web Worker: its creation is the "Python start" moment.
  function watchWorkers() {
    var NativeWorker = window.Worker;
    function BootWorker(url, options) {
      var worker = new NativeWorker(url, options);
      mark("python-start");
      step("python");
      worker.addEventListener("error", function () {
        fail("The activities could not start in this browser. You can still read the lesson. " +
             "Try reloading the page, or use the printable worksheets or the class app.");
      });
      return worker;
    }
    BootWorker.prototype = NativeWorker.prototype;
    window.Worker = BootWorker;
  }

  // A cell's live output replaces the copy rendered at build time, so nothing shows twice.
  function replacePrerendered() {
    var cells = node("rendered_cells");
    if (!cells || typeof MutationObserver !== "function") { return; }
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        Array.prototype.forEach.call(record.addedNodes, function (added) {
          if (!added.classList || !added.classList.contains("jp-Cell-outputWrapper")) { return; }
          var cell = added.parentNode;
          Array.prototype.slice.call(cell.children).forEach(function (child) {
            if (child.classList.contains("backedu-prerendered") ||
                child.classList.contains("backedu-pending")) {
              cell.removeChild(child);
            }
          });
        });
      });
    }).observe(cells, { childList: true, subtree: true });
  }

  window.backeduBoot = {
    textReady: function () { mark("text"); },
    start: function (voiciUrl) {
      if (!supported()) {
        fail("This browser cannot run the activities on this page: they need a browser from " +
             "2021 or later (with WebAssembly). You can still read the whole lesson. For the " +
             "activities, use the printable worksheets or the class app.");
        return;
      }
      listenToPython();
      tellPython();
      watchWorkers();
      replacePrerendered();
      step("program");
      window.addEventListener("error", function (event) {
        if (state === "loading" && event && /voici|pyodide|worker/i.test(String(event.filename))) {
          fail("The activities could not start. You can still read the lesson. Try reloading " +
               "the page, or use the printable worksheets or the class app.");
        }
      });
      slowTimer = window.setTimeout(function () {
        if (state === "loading") {
          say("This is taking longer than usual. You can keep reading; the activities appear " +
              "when they are ready. If nothing changes, reload the page.", "slow");
        }
      }, SLOW_MS);
      var script = document.createElement("script");
      script.src = voiciUrl;
      script.onerror = function () {
        fail("The activities could not be loaded from the website. You can still read the " +
             "lesson. Check the connection and reload the page.");
      };
      document.body.appendChild(script);
    },
    progress: function (index, count) {
      if (index === 1) { mark("cells-start"); }
      if (index >= 1) { step("activities"); }
    },
    ready: function () {
      if (state === "ready") { return; }
      window.clearTimeout(slowTimer);
      step("ready");
      state = "ready";
      node("backedu-boot").setAttribute("data-state", "ready");
      mark("ready");
    },
    marks: function () {
      var out = {};
      performance.getEntriesByType("mark").forEach(function (entry) {
        if (entry.name.indexOf("backedu:") === 0) { out[entry.name.slice(8)] = entry.startTime; }
      });
      return out;
    },
    // The Python modules loaded after the last cell ran (for the tests).
    modules: function () { return loadedModules.slice(); },
    state: function () { return state; }
  };
})();
