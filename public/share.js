// Carnet's share links: a recipe compressed (deflate, the browser's own CompressionStream) and
// written in base64url, to travel in a URL fragment that no server ever sees.
(function () {
  "use strict";
  async function bytes(stream) { return new Uint8Array(await new Response(stream).arrayBuffer()); }
  window.carnetShare = {
    pack: async function (text) {
      const packed = await bytes(new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw")));
      let binary = "";
      for (let i = 0; i < packed.length; i++) binary += String.fromCharCode(packed[i]);
      return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    },
    unpack: async function (code) {
      const b64 = code.replace(/-/g, "+").replace(/_/g, "/");
      const binary = atob(b64 + "===".slice((b64.length + 3) % 4));
      const packed = Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
      return new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
    },
  };
})();
