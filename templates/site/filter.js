(function () {
  "use strict";
  // Search and filters of the ASF list: everything runs here, offline, on the rows of the
  // table. The URL's query string pre-fills them (?q=…&lan=…&kommun=…&bransch=…) and is
  // kept up to date, so a filtered list can be bookmarked or shared.
  var form = document.getElementById("filters");
  var table = document.getElementById("asf-table");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var search = document.getElementById("q");
  var county = document.getElementById("lan");
  var municipality = document.getElementById("kommun");
  var industry = document.getElementById("bransch");
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var other = document.querySelector("nav.lang a");
  var names = { q: ["q", "sok"], lan: ["lan", "county"], kommun: ["kommun", "municipality"], bransch: ["bransch", "industry"] };
  var municipalities = Array.prototype.map.call(municipality.options, function (o) {
    return { value: o.value, text: o.text, county: o.getAttribute("data-lan") || "" };
  });

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function choose(select, value) {
    select.value = value;
    if (select.value !== value) { select.selectedIndex = 0; }
  }

  function fillMunicipalities() {
    var keep = municipality.value;
    var seen = {};
    while (municipality.options.length) { municipality.remove(0); }
    municipalities.forEach(function (m) {
      // one option per name: a name can occur in several counties
      if ((m.value === "" || county.value === "" || m.county === county.value) && !seen[m.value]) {
        seen[m.value] = true;
        var option = new Option(m.text, m.value);
        option.setAttribute("data-lan", m.county);
        municipality.add(option);
      }
    });
    choose(municipality, keep);
  }

  function remember() {
    var params = new URLSearchParams();
    if (search.value.trim()) { params.set("q", search.value.trim()); }
    if (county.value) { params.set("lan", county.value); }
    if (municipality.value) { params.set("kommun", municipality.value); }
    if (industry.value) { params.set("bransch", industry.value); }
    var query = params.toString();
    if (other) { other.search = query ? "?" + query : ""; }  // the other language opens with the same selection
    try {
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    } catch (e) {
      // some browsers refuse to change the address of a file:// page; the filter still works
    }
  }

  function apply() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var match = (!county.value || d.lan === county.value) &&
        (!municipality.value || d.kommun === municipality.value) &&
        (!industry.value || d.bransch.split("|").indexOf(industry.value) >= 0) &&
        words.every(function (w) { return d.text.indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    none.hidden = shown > 0;
    remember();
  }

  var params = new URLSearchParams(window.location.search);
  function given(key) {
    var found = names[key].filter(function (name) { return params.has(name); });
    return found.length ? params.get(found[0]) : "";
  }
  search.value = given("q");
  choose(county, given("lan"));
  fillMunicipalities();
  choose(municipality, given("kommun"));
  choose(industry, given("bransch"));

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  search.addEventListener("input", apply);
  county.addEventListener("change", function () { fillMunicipalities(); apply(); });
  municipality.addEventListener("change", apply);
  industry.addEventListener("change", apply);
  form.addEventListener("reset", function () {
    window.setTimeout(function () { fillMunicipalities(); apply(); }, 0);
  });
  form.hidden = false;
  apply();
}());
