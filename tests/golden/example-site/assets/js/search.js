/* 站内搜索: matches a query against search/index.js, written by core/search_index.cc. The
   tokenizer below must stay the same as search_tokens() there: CJK runs become overlapping
   character bigrams (a lone character stays itself), runs of ASCII letters and digits become
   lowercased words, full-width ASCII folds to ASCII. A page matches when it has every token of
   the query. ES5, like gov.js. */
(function () {
  'use strict';
  var data = window.SANSHEN_SEARCH_INDEX;
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var results = document.getElementById('search-results');
  if (!data || !input || !status || !results) return;

  function isCjk(c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
      (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) ||
      (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF) || c === 0x3007;
  }

  function wordChar(c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
    if (c >= 0x41 && c <= 0x5A) return String.fromCharCode(c + 32);
    if ((c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)) return String.fromCharCode(c);
    return '';
  }

  // Each element: {text, kind} with kind 'cjk1' (a lone CJK character), 'cjk2' or 'word'.
  function tokens(text) {
    var out = [];
    var run = [];
    var word = '';
    function flushRun() {
      if (run.length === 1) out.push({ text: run[0], kind: 'cjk1' });
      for (var i = 0; i + 1 < run.length; i++) out.push({ text: run[i] + run[i + 1], kind: 'cjk2' });
      run = [];
    }
    function flushWord() {
      if (word) out.push({ text: word, kind: 'word' });
      word = '';
    }
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      var ch = text.charAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) {
        var low = text.charCodeAt(i + 1);
        c = (c - 0xD800) * 0x400 + (low - 0xDC00) + 0x10000;
        ch = text.substr(i, 2);
        i++;
      }
      var w;
      if (isCjk(c)) {
        flushWord();
        run.push(ch);
      } else if ((w = wordChar(c))) {
        flushRun();
        word += w;
      } else {
        flushRun();
        flushWord();
      }
    }
    flushRun();
    flushWord();
    return out;
  }

  // A key's document numbers are stored as gaps: the first number, then each one's distance
  // from the one before.
  function docsOf(key) {
    var gaps = Object.prototype.hasOwnProperty.call(data.index, key) ? data.index[key] : [];
    var out = [];
    var id = 0;
    for (var i = 0; i < gaps.length; i++) {
      id += gaps[i];
      out.push(id);
    }
    return out;
  }

  var keys = null;  // index keys, listed once for the substring matches below
  function postings(token) {
    if (token.kind === 'cjk2') return docsOf(token.text);
    // A lone character or a word may be part of a longer key: 县 is in 全县, 202 starts 2025.
    if (!keys) keys = Object.keys(data.index);
    var seen = {};
    var ids = [];
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      var hit = token.kind === 'word' ? key.indexOf(token.text) === 0 : key.indexOf(token.text) >= 0;
      if (!hit) continue;
      var list = docsOf(key);
      for (var j = 0; j < list.length; j++) {
        if (!seen[list[j]]) {
          seen[list[j]] = true;
          ids.push(list[j]);
        }
      }
    }
    return ids.sort(function (a, b) { return a - b; });
  }

  function search(query) {
    var list = tokens(query);
    if (!list.length) return [];
    var ids = postings(list[0]);
    for (var i = 1; i < list.length && ids.length; i++) {
      var next = {};
      var more = postings(list[i]);
      for (var j = 0; j < more.length; j++) next[more[j]] = true;
      ids = ids.filter(function (id) { return next[id]; });
    }
    // Documents are stored newest first; titles that contain the query go before the rest.
    var q = query.replace(/\s+/g, '').toLowerCase();
    var inTitle = [];
    var rest = [];
    for (var k = 0; k < ids.length; k++) {
      var doc = data.docs[ids[k]];
      (doc.t.toLowerCase().replace(/\s+/g, '').indexOf(q) >= 0 ? inTitle : rest).push(doc);
    }
    return inTitle.concat(rest);
  }

  function element(name, className, text) {
    var el = document.createElement(name);
    if (className) el.className = className;
    if (text) el.appendChild(document.createTextNode(text));
    return el;
  }

  function show(query) {
    while (results.firstChild) results.removeChild(results.firstChild);
    var found = search(query);
    if (!found.length) {
      status.textContent = '未找到与“' + query + '”相关的信息，请更换关键词，或通过网站地图查找。';
      return;
    }
    status.textContent = '找到 ' + found.length + ' 条与“' + query + '”相关的信息。';
    var list = element('ul', 'item-list search-results');
    for (var i = 0; i < found.length; i++) {
      var doc = found[i];
      var li = element('li');
      li.appendChild(element('span', 'badge', doc.s));
      var link = element('a', '', doc.t);
      link.href = '../' + doc.u;  // the search page is search/index.html
      li.appendChild(link);
      if (doc.d) {
        var time = element('time', '', doc.d.substr(0, 10));
        time.setAttribute('datetime', doc.d);
        li.appendChild(time);
      }
      list.appendChild(li);
    }
    results.appendChild(list);
  }

  var match = /[?&]q=([^&#]*)/.exec(window.location.search);
  var query = '';
  if (match) {
    try {
      query = decodeURIComponent(match[1].replace(/\+/g, ' '));
    } catch (e) {
      query = '';
    }
  }
  query = query.replace(/^\s+|\s+$/g, '');
  if (query) {
    input.value = query;
    show(query);
  } else {
    status.textContent = '请输入要查找的关键词。';
  }
})();
