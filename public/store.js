// Carnet keeps the dossier on the device: IndexedDB holds each file (the browser's own copy of
// the File) and the dossier's settings as one JSON text. Nothing leaves the device. Every call
// returns a promise; a refused or full storage rejects with the browser's error name
// ("QuotaExceededError", "SecurityError"…), which the page turns into a French message.
(function () {
  "use strict";
  const DB = "carnet";
  const STORE = "dossier";
  let opened = null;
  function open() {
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        if (!window.indexedDB) { reject(new Error("NoStorage")); return; }
        const request = indexedDB.open(DB, 1);
        request.onupgradeneeded = function () { request.result.createObjectStore(STORE); };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
      opened.catch(function () { opened = null; });
    }
    return opened;
  }
  function run(mode, act) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        const tx = db.transaction(STORE, mode);
        const result = act(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error || new Error("AbortError")); };
      });
    });
  }
  function failure(error) { throw (error && error.name) || String(error); }
  window.carnetStore = {
    /** Keeps `file` with the corrections it was read with (JSON). */
    putFile: function (file, options) {
      return run("readwrite", function (s) { return s.put({ file: file, options: options }, "file:" + file.name); }).catch(failure);
    },
    /** Forgets the file named `name`. */
    deleteFile: function (name) {
      return run("readwrite", function (s) { return s.delete("file:" + name); }).catch(failure);
    },
    /** Keeps the dossier's settings (JSON). */
    putState: function (json) {
      return run("readwrite", function (s) { return s.put(json, "state"); }).catch(failure);
    },
    /** The settings kept (or null) and the files kept: [{ file, options }]. */
    load: function () {
      return run("readonly", function (s) {
        const all = { state: s.get("state"), keys: s.getAllKeys(), values: s.getAll() };
        return { get result() {
          const files = [];
          all.keys.result.forEach(function (k, i) { if (String(k).startsWith("file:")) files.push(all.values.result[i]); });
          return { state: all.state.result === undefined ? null : all.state.result, files: files };
        } };
      }).catch(failure);
    },
    /** Forgets the whole dossier. */
    clear: function () {
      return run("readwrite", function (s) { return s.clear(); }).catch(failure);
    },
  };
})();
