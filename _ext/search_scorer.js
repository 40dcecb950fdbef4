/* The search page's scorer (html_search_scorer in _config.yml; Sphinx puts it in language_data.js).
 * Sphinx's own weights, plus: a page whose title names every word searched for comes first, a
 * chapter before its exercises and solutions (review 12b, D-03: "LSTM" found chapter 10 first). */
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, , score] = result;
    const query = (new URLSearchParams(window.location.search).get("q") || "").toLowerCase();
    const words = query.split(/\s+/).filter((w) => w.length > 1);
    const heading = (title || "").toLowerCase();
    const named = words.length > 0 && words.every((w) => new RegExp(`\\b${w.replace(/[^\w]/g, "\\$&")}\\b`).test(heading));
    let bonus = 0;
    if (named) bonus += anchor ? 10 : 30;
    if (docname.startsWith("chapters/")) bonus += 3;
    return score + bonus;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
