// Carnet's share links: a recipe compressed (deflate, the browser's own CompressionStream) and
// written in base64url, to travel in a URL fragment that no server ever sees. What a link
// brings is bounded: a fragment of at most 32 KB, inflated to at most 1 MB (a deflate bomb of a
// few kilobytes stops there), so no link can hold the tab.
(function () {
  "use strict";
  const MAX_CODE = 32 * 1024;
  const MAX_TEXT = 1024 * 1024;
  async function bytes(stream) { return new Uint8Array(await new Response(stream).arrayBuffer()); }
  /** The stream's text, or an error once it passes `limit` bytes (the rest is never inflated). */
  async function bounded(stream, limit) {
    const reader = stream.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel();
        throw new Error("too-large");
      }
      chunks.push(value);
    }
    return new TextDecoder().decode(await new Blob(chunks).arrayBuffer());
  }
  window.carnetShare = {
    pack: async function (text) {
      const packed = await bytes(new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw")));
      let binary = "";
      for (let i = 0; i < packed.length; i++) binary += String.fromCharCode(packed[i]);
      return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    },
    unpack: async function (code) {
      if (code.length > MAX_CODE) throw new Error("too-long");
      const b64 = code.replace(/-/g, "+").replace(/_/g, "/");
      const binary = atob(b64 + "===".slice((b64.length + 3) % 4));
      const packed = Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
      return bounded(new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate-raw")), MAX_TEXT);
    },
  };
})();
