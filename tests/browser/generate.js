// Generates INSEE-like national files in the page (no transfer from Node): `;`-separated,
// Windows-1252, decimal commas, secret cells, CRLF. `national` mirrors benches/engine.rs so
// the native and browser figures are comparable; `huge` repeats a block to any size.
window.carnetBench = {
  /** Windows-1252 bytes of `text` (all its characters are Latin-1). */
  bytes(text) {
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  },

  /** A file of about `megabytes` MB: Sailly-lez-Lannoy's row once, early, among other rows. */
  huge(megabytes = 1024, cols = 100) {
    const header = ["CODGEO", "LIBGEO"];
    for (let c = 2; c < cols; c++) header.push(`P21_IND${c}`);
    const row = (code, name, r) => {
      const cells = [code, name];
      for (let c = 2; c < cols; c++) cells.push(c % 7 === 0 ? "s" : `${(r * 31 + c * 17) % 10000},${c % 10}`);
      return cells.join(";") + "\r\n";
    };
    let block = "";
    for (let r = 1; block.length < 8 << 20; r++) block += row(`${String(1 + (r % 95)).padStart(2, "0")}${String(r % 1000).padStart(3, "0")}`, `Saint-Rémy ${r}`, r);
    const blockBytes = this.bytes(block);
    const parts = [this.bytes(header.join(";") + "\r\n" + row("59522", "Sailly-lez-Lannoy", 0))];
    for (let size = 0; size < megabytes * 1e6; size += blockBytes.length) parts.push(blockBytes);
    return new File(parts, "base_cc_tres_gros.csv", { type: "text/csv" });
  },

  national(rows = 35000, cols = 100) {
    const header = ["CODGEO", "LIBGEO"];
    for (let c = 2; c < cols; c++) header.push(`P21_IND${c}`);
    const lines = [header.join(";")];
    for (let r = 0; r < rows; r++) {
      const code = r === 0 ? "59522" : String(1 + (r % 95)).padStart(2, "0") + String(r % 1000).padStart(3, "0");
      const name = r % 3 === 0 ? `Saint-Rémy-lès-Chevreuse ${r}` : `Commune ${r}`;
      const cells = [code, name];
      // Weighted census values carry decimals, as INSEE publishes them (hence ~34 MB).
      for (let c = 2; c < cols; c++) {
        cells.push(c % 7 === 0 ? "s" : `${(r * 31 + c * 17) % 10000},${String((r * 7919 + c * 104729) % 100000).padStart(5, "0")}`);
      }
      lines.push(cells.join(";"));
    }
    const text = lines.join("\r\n") + "\r\n";
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      bytes[i] = c === 0x20ac ? 0x80 : c; // every character here is Latin-1
    }
    return new File([bytes], "base_cc_national.csv", { type: "text/csv" });
  },
};
