// The verification page (verify.html, from asfcert.site.signed_list.verify_page).
// Offline: it checks the signed list (a JWS, ES256) against the certifier's root
// certificate built into the page, with WebCrypto, and then answers for a dropped
// certificate PDF (its number, and whether it is byte for byte the file issued) or a
// typed number and code. Nothing is fetched and nothing is sent.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("asf-data").textContent);
  const W = data.words;
  const $ = (id) => document.getElementById(id);
  const NUMBER = /[A-Z]{2,8}-\d{4}-\d{4,6}/;
  // AlgorithmIdentifier ecdsa-with-SHA256 (1.2.840.10045.4.3.2), DER
  const ECDSA_SHA256 = [0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
  let list = null; // the verified payload

  class Untrusted extends Error {
    constructor(reason) { super(reason); this.reason = reason; }
  }

  function fill(text, params) {
    return text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? params[k] : m));
  }

  function bytesOf(b64) {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function bytesOfUrl(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Untrusted("malformed");
    let b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    return bytesOf(b64);
  }

  function same(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // --- DER: just enough to read an X.509 certificate ---------------------------------
  function tlv(der, pos) {
    if (pos + 2 > der.length) throw new Untrusted("malformed");
    const tag = der[pos];
    let len = der[pos + 1];
    let head = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      if (n < 1 || n > 3) throw new Untrusted("malformed");
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + der[pos + 2 + i];
      head += n;
    }
    const end = pos + head + len;
    if (end > der.length) throw new Untrusted("malformed");
    return { tag: tag, start: pos, body: pos + head, end: end };
  }

  function children(der, node) {
    const out = [];
    for (let pos = node.body; pos < node.end; ) {
      const child = tlv(der, pos);
      out.push(child);
      pos = child.end;
    }
    return out;
  }

  function time(der, node) {
    const s = String.fromCharCode.apply(null, der.subarray(node.body, node.end));
    const m = node.tag === 0x17 ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s) : /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s);
    if (!m) throw new Untrusted("malformed");
    let year = Number(m[1]);
    if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
    return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  }

  function certificate(der) {
    const top = tlv(der, 0);
    if (top.tag !== 0x30 || top.end !== der.length) throw new Untrusted("malformed");
    const [tbs, alg, sig] = children(der, top);
    const fields = children(der, tbs);
    const i = fields[0].tag === 0xa0 ? 1 : 0; // [0] version
    const validity = children(der, fields[i + 3]);
    const slice = (n) => der.subarray(n.start, n.end);
    return {
      tbs: slice(tbs), algorithm: slice(alg), signature: der.subarray(sig.body + 1, sig.end), // past the unused-bits byte
      issuer: slice(fields[i + 2]), subject: slice(fields[i + 4]), spki: slice(fields[i + 5]),
      notBefore: time(der, validity[0]), notAfter: time(der, validity[1]),
    };
  }

  function rawSignature(der) { // ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } -> r || s
    const parts = children(der, tlv(der, 0));
    const out = new Uint8Array(64);
    parts.forEach((n, k) => {
      let v = der.subarray(n.body, n.end);
      while (v.length > 32 && v[0] === 0) v = v.subarray(1);
      if (n.tag !== 0x02 || v.length > 32) throw new Untrusted("malformed");
      out.set(v, k * 32 + 32 - v.length);
    });
    return out;
  }

  const ECDSA = { name: "ECDSA", namedCurve: "P-256" };
  const SHA256 = { name: "ECDSA", hash: "SHA-256" };
  const key = (spki) => crypto.subtle.importKey("spki", spki, ECDSA, false, ["verify"]);

  // --- the signed list -------------------------------------------------------------------
  async function verifyList(doc, rootDer) {
    if (!window.crypto || !crypto.subtle) throw new Untrusted("crypto");
    if (!doc || typeof doc.protected !== "string" || typeof doc.payload !== "string" || typeof doc.signature !== "string") {
      throw new Untrusted("malformed");
    }
    const root = certificate(rootDer);
    let header;
    try {
      header = JSON.parse(new TextDecoder().decode(bytesOfUrl(doc.protected)));
    } catch (e) {
      throw new Untrusted("malformed");
    }
    if (header.alg !== "ES256" || header.typ !== data.typ || !Array.isArray(header.x5c) || typeof header.x5c[0] !== "string") {
      throw new Untrusted("malformed");
    }
    const leaf = certificate(bytesOf(header.x5c[0]));
    if (!same(leaf.issuer, root.subject) || !same(leaf.algorithm, ECDSA_SHA256)) throw new Untrusted("issuer");
    if (!(await crypto.subtle.verify(SHA256, await key(root.spki), rawSignature(leaf.signature), leaf.tbs))) {
      throw new Untrusted("issuer");
    }
    const input = new TextEncoder().encode(doc.protected + "." + doc.payload);
    if (!(await crypto.subtle.verify(SHA256, await key(leaf.spki), bytesOfUrl(doc.signature), input))) {
      throw new Untrusted("signature");
    }
    const payload = JSON.parse(new TextDecoder().decode(bytesOfUrl(doc.payload)));
    if (payload.format !== data.format || !Array.isArray(payload.certificates)) throw new Untrusted("malformed");
    const made = Date.parse(payload.issued_at);
    if (!(made >= leaf.notBefore && made <= leaf.notAfter && made >= root.notBefore && made <= root.notAfter)) {
      throw new Untrusted("expired");
    }
    return { payload: payload, signer: payload.certifier && payload.certifier.name };
  }

  // --- answers ---------------------------------------------------------------------------
  function today() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function statusOn(entry, day) {
    if (entry.status !== "valid") return entry.status;
    if (entry.superseded_on && entry.superseded_on <= day) return "superseded";
    if (day > entry.valid_until) return "expired";
    return "valid";
  }

  async function codeMatches(entry, code) {
    const clean = code.toUpperCase().replace(/[^0-9A-Z]/g, "");
    const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(clean), "PBKDF2", false, ["deriveBits"]);
    const bits = await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: new TextEncoder().encode("asfcert-code|" + entry.number), iterations: data.rounds },
      material, 256);
    let b64 = btoa(String.fromCharCode.apply(null, new Uint8Array(bits)));
    b64 = b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    return b64 === entry.code_hash;
  }

  function row(dl, label, value) {
    if (value === null || value === undefined || value === "") return;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    dl.append(dt, dd);
  }

  function show(verdict, entry, fileLine) {
    $("result").hidden = false;
    const good = verdict === "valid";
    const warn = verdict === "expired" || verdict === "superseded" || verdict === "not-yet-valid";
    const el = $("verdict");
    el.textContent = W["v_" + verdict] || verdict;
    el.className = "verdict " + (good ? "ok" : warn ? "warn" : "bad");
    el.dataset.verdict = verdict;
    $("file").textContent = fileLine || "";
    const dl = $("facts");
    dl.replaceChildren();
    $("today").textContent = entry ? fill(W.today, { today: today() }) : "";
    if (!entry || verdict === "code") return;
    row(dl, W.number, entry.number);
    row(dl, W.company, entry.company && entry.company.name);
    row(dl, W.org_number, entry.company && entry.company.org_number);
    row(dl, W.standard, entry.standard && entry.standard.id + " " + entry.standard.version);
    row(dl, W.outcome, W["o_" + entry.outcome] || entry.outcome);
    row(dl, W.period, entry.effective + " – " + entry.valid_until);
    row(dl, W.previous, entry.previous);
    row(dl, W.superseded_by, entry.superseded_by && entry.superseded_by + " (" + entry.superseded_on + ")");
    const open = (entry.remarks || []).filter((r) => !r.closed);
    row(dl, W.remarks, open.map((r) => r.requirement + " (" + W.deadline + " " + r.deadline + ")").join("; "));
    row(dl, W.events, (entry.events || []).map((e) => e.date + " " + (W["e_" + e.action] || e.action)).join(", "));
  }

  function find(number) {
    return list.payload.certificates.find((c) => c.number === number) || null;
  }

  async function checkTyped(number, code) {
    number = number.trim().toUpperCase();
    const entry = find(number);
    if (!entry) return show("unknown", null);
    if (code.trim() && !(await codeMatches(entry, code))) return show("code", entry);
    show(statusOn(entry, today()), entry);
  }

  function pdfString(raw) { // a PDF string object, literal (…) with escapes or hex <…>, as text
    if (raw[0] === "<") {
      const hex = raw.slice(1, -1).replace(/\s/g, "");
      const bytes = (hex.match(/../g) || []).map((h) => parseInt(h, 16));
      if (bytes[0] === 0xfe && bytes[1] === 0xff) {
        let out = "";
        for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] * 256 + bytes[i + 1]);
        return out;
      }
      return String.fromCharCode.apply(null, bytes);
    }
    const named = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" };
    return raw.slice(1, -1).replace(/\\([0-7]{1,3}|.)/g, (m, c) => (/[0-7]/.test(c) ? String.fromCharCode(parseInt(c, 8)) : named[c] || c));
  }

  function subjects(text) { // every /Subject of the document information, the newest revision last
    const out = [];
    const re = /\/Subject\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/g;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push(pdfString(m[1]));
    return out;
  }

  async function checkFile(file) {
    const buffer = new Uint8Array(await file.arrayBuffer());
    const text = new TextDecoder("latin1").decode(buffer);
    // the number is in the PDF's metadata (/Subject, rewritten by the signature's update) and on the page
    const found = subjects(text).reverse().map((s) => NUMBER.exec(s)).find(Boolean) || NUMBER.exec(text);
    if (!found) return show("nonumber", null);
    const entry = find(found[0]);
    if (!entry) return show("unknown", null);
    $("number").value = entry.number;
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
    const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
    const hashes = Object.values(entry.documents || {});
    if (hashes.length && !hashes.includes(hex)) return show("altered", entry);
    show(statusOn(entry, today()), entry, hashes.length ? W.file_same : W.file_unknown);
  }

  function wire() {
    $("inputs").hidden = false;
    $("entry").addEventListener("submit", (event) => {
      event.preventDefault();
      checkTyped($("number").value, $("code").value);
    });
    $("pdf").addEventListener("change", () => {
      if ($("pdf").files.length) checkFile($("pdf").files[0]);
    });
    const drop = $("drop");
    drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("over");
      if (event.dataTransfer.files.length) checkFile(event.dataTransfer.files[0]);
    });
    // a QR code or link: verify.html#number=ASF-2026-0007&code=ABCDE-FGHIJ (or ?number=…)
    const params = new URLSearchParams(location.hash.slice(1) || location.search.slice(1));
    if (params.get("number")) {
      $("number").value = params.get("number");
      $("code").value = params.get("code") || "";
      checkTyped($("number").value, $("code").value);
    } else if (data.number) { // a certificate's own page, verify/NUMBER.html
      $("number").value = data.number;
      checkTyped(data.number, "");
    }
  }

  async function start() {
    const banner = $("list-status");
    try {
      list = await verifyList(data.list, bytesOf(data.root));
      banner.textContent = fill(W.list_ok, { signer: list.signer, as_of: list.payload.as_of });
      banner.className = "banner ok";
      banner.dataset.state = "ok";
      wire();
    } catch (e) {
      const reason = e instanceof Untrusted ? e.reason : "malformed";
      banner.textContent = fill(W.list_bad, { why: W["why_" + reason] || W.why_malformed });
      banner.className = "banner bad";
      banner.dataset.state = reason;
    }
  }

  document.documentElement.dataset.ready = "starting";
  start().then(() => { document.documentElement.dataset.ready = "yes"; });
})();
