// Generates an INSEE-like national file in the page (no transfer from Node): `rows` communes
// × `cols` columns, `;`-separated, Windows-1252, decimal commas, secret cells, CRLF.
// Mirrors benches/engine.rs so the native and browser figures are comparable.
window.carnetBench = {
  national(rows = 35000, cols = 100) {
    const header = ["CODGEO", "LIBGEO"];
    for (let c = 2; c < cols; c++) header.push(`P21_IND${c}`);
    const lines = [header.join(";")];
    for (let r = 0; r < rows; r++) {
      const code = r === 0 ? "59522" : String(1 + (r % 95)).padStart(2, "0") + String(r % 1000).padStart(3, "0");
      const name = r % 3 === 0 ? `Saint-Rémy-lès-Chevreuse ${r}` : `Commune ${r}`;
      const cells = [code, name];
      for (let c = 2; c < cols; c++) cells.push(c % 7 === 0 ? "s" : `${(r * 31 + c * 17) % 10000},${c % 10}`);
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
