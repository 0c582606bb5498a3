/* Job Quality Playbook: interactive checklists.
 *
 * Turns the static checklist form (templates/checklist_form.html.j2) into a tool that
 * scores answers, builds an action plan or an offer summary, compares offers, and keeps
 * answers on the device only. No dependencies. Everything built from data goes through
 * createElement and textContent, never innerHTML, so text from a restored file stays
 * text. The scoring mirrors playbook_builder/scoring.py exactly; the definition the page
 * embeds is the same data Python scores from. The saved-file format is documented in
 * ANSWERS_FORMAT.md.
 */
(function () {
  "use strict";

  var OFFER_KIND = "offer-evaluation";

  /* ------------------------------------------------------------------ scoring */

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function percent(got, most) {
    if (most <= 0) return null;
    // Same operations, in the same order, as scoring._percent.
    return Math.floor((1000 * got) / most + 0.5) / 10;
  }

  function pointsTable(def) {
    var table = Object.create(null);
    def.scale.forEach(function (option) {
      table[option.value] = option.points;
    });
    return table;
  }

  function score(def, answers) {
    var pointsOf = pointsTable(def);
    var top = Number(def.max_points);
    var totalGot = 0;
    var totalMax = 0;
    var answered = 0;
    var unscored = 0;
    var sections = {};
    var details = {};
    def.sections.forEach(function (section) {
      var got = 0;
      var most = 0;
      var sectionAnswered = 0;
      var sectionUnscored = 0;
      section.items.forEach(function (item) {
        var value = own(answers, item.id) ? answers[item.id] : undefined;
        if (typeof value !== "string" || !(value in pointsOf)) return;
        sectionAnswered += 1;
        var pts = pointsOf[value];
        if (pts === null || pts === undefined) {
          sectionUnscored += 1;
          return;
        }
        got += item.weight * pts;
        most += item.weight * top;
      });
      sections[section.key] = percent(got, most);
      details[section.key] = {
        earned: got,
        possible: most,
        answered: sectionAnswered,
        unscored: sectionUnscored,
        items: section.items.length,
      };
      answered += sectionAnswered;
      unscored += sectionUnscored;
      totalGot += got;
      totalMax += most;
    });
    return {
      sections: sections,
      overall: percent(totalGot, totalMax),
      answered: answered,
      unscored: unscored,
      details: details,
    };
  }

  /* ------------------------------------------------- comparing with workers */

  // Same operations as scoring._one_decimal: half away from zero, no "-0".
  function oneDecimal(value) {
    var rounded = Math.floor(Math.abs(value) * 10 + 0.5) / 10;
    return value < 0 && rounded ? -rounded : rounded;
  }

  function compareRow(employer, workerScores, minResponses) {
    var scored = workerScores.filter(function (value) {
      return value !== null;
    });
    var average = null;
    if (scored.length && scored.length >= minResponses) {
      var total = 0;
      scored.forEach(function (value) {
        total += value; // in file order, as Python adds them
      });
      average = oneDecimal(total / scored.length);
    }
    return {
      employer: employer,
      workers: average,
      responses: scored.length,
      suppressed: average === null,
      gap: average !== null && employer !== null ? oneDecimal(average - employer) : null,
    };
  }

  function itemTable(def) {
    var table = Object.create(null);
    def.sections.forEach(function (section) {
      section.items.forEach(function (item) {
        table[item.id] = item;
      });
    });
    return table;
  }

  // Mirrors scoring.compare_with_companion: the employer's sections, only the items the
  // companion also asks, each side scored with its own scale and weights.
  function compareWithCompanion(def, employerAnswers, workerSets, companionId, minResponses) {
    var theirs = (def.companions || []).filter(function (companion) {
      return !companionId || companion.checklist === companionId;
    })[0];
    if (!theirs) throw new Error(def.checklist + " has no companion checklist " + (companionId || ""));
    var min = minResponses === undefined ? def.limits.min_responses : minResponses;
    var theirItems = itemTable(theirs);
    var ourItems = itemTable(def);

    function sharedOnly(source, items) {
      var sections = [];
      def.sections.forEach(function (section) {
        var kept = section.items
          .filter(function (item) {
            return item.id in theirItems;
          })
          .map(function (item) {
            return { id: item.id, weight: items[item.id].weight };
          });
        if (kept.length) sections.push({ key: section.key, title: section.title, items: kept });
      });
      return { scale: source.scale, max_points: source.max_points, sections: sections };
    }

    var oursShared = sharedOnly(def, ourItems);
    var theirsShared = sharedOnly(theirs, theirItems);
    var employer = score(oursShared, employerAnswers);
    var workers = workerSets.map(function (answers) {
      return score(theirsShared, answers);
    });
    var rows = oursShared.sections.map(function (section) {
      var row = compareRow(
        employer.sections[section.key],
        workers.map(function (result) {
          return result.sections[section.key];
        }),
        min
      );
      row.key = section.key;
      row.title = section.title;
      row.items = section.items.length;
      return row;
    });
    var overall = compareRow(
      employer.overall,
      workers.map(function (result) {
        return result.overall;
      }),
      min
    );
    overall.items = rows.reduce(function (sum, row) {
      return sum + row.items;
    }, 0);
    return {
      companion: theirs.checklist,
      min_responses: min,
      files: workerSets.length,
      sections: rows,
      overall: overall,
    };
  }

  /* ------------------------------------------------- reading saved answers */

  // Rules shared with scoring.read_answers_file; see ANSWERS_FORMAT.md.
  function ReadError(message) {
    this.message = message;
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function cleanName(name, number, limit) {
    var text = typeof name === "string" ? name.split(/\s+/).filter(Boolean).join(" ") : "";
    text = Array.from(text).slice(0, limit).join("");
    return text || "Offer " + number;
  }

  function quoted(value) {
    var text = Array.from(String(value)).slice(0, 60).join("");
    return "\u201c" + text + "\u201d";
  }

  // A saved document (file or storage record) → answer sets, or a ReadError.
  function readDocument(doc, def, itemIds) {
    if (!isPlainObject(doc) || !own(doc, "format")) {
      throw new ReadError("This is not a file of saved answers from this guide.");
    }
    if (doc.format !== def.format) {
      throw new ReadError(
        "This file is in a format this page cannot read (format " + quoted(doc.format) + ")."
      );
    }
    if (doc.checklist !== def.checklist) {
      throw new ReadError(
        "This file holds answers for a different checklist (" +
          quoted(doc.checklist) +
          "), not for \u201c" +
          def.title +
          "\u201d."
      );
    }
    var version = doc.version;
    if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
      throw new ReadError("This file does not say which version of the checklist it is for.");
    }
    if (version > def.version) {
      throw new ReadError(
        "This file comes from a newer version of this checklist (version " +
          version +
          "); this page is version " +
          def.version +
          ". Reload the page and try again."
      );
    }
    var values = pointsTable(def);
    var counts = { items: 0, values: 0, dropped: [] };

    function clean(answers) {
      if (!isPlainObject(answers)) {
        throw new ReadError("The answers in this file are not in the expected shape.");
      }
      var kept = {};
      Object.keys(answers).forEach(function (key) {
        var value = answers[key];
        if (!itemIds.has(key)) {
          counts.items += 1;
          if (counts.dropped.length < 20) counts.dropped.push(key);
        } else if (typeof value !== "string" || !(value in values)) {
          counts.values += 1;
        } else {
          kept[key] = value;
        }
      });
      return kept;
    }

    var sets = [];
    if (def.kind === OFFER_KIND) {
      var offers = doc.offers;
      if (!Array.isArray(offers) || offers.length === 0) {
        throw new ReadError("The offers in this file are not in the expected shape.");
      }
      if (offers.length > def.limits.offers) {
        throw new ReadError(
          "This file has " + offers.length + " offers; you can compare up to " + def.limits.offers + "."
        );
      }
      offers.forEach(function (offer, index) {
        if (!isPlainObject(offer)) {
          throw new ReadError("The offers in this file are not in the expected shape.");
        }
        sets.push({
          name: cleanName(offer.name, index + 1, def.limits.name_length),
          answers: clean(offer.answers),
        });
      });
    } else {
      sets.push({ name: null, answers: clean(doc.answers) });
    }
    var current = doc.current;
    return {
      sets: sets,
      current:
        Number.isInteger(current) && current >= 0 && current < sets.length ? current : 0,
      small: doc.small_employer === true,
      version: version,
      ignoredItems: counts.items,
      ignoredValues: counts.values,
      dropped: counts.dropped,
    };
  }

  function byteLength(text) {
    return new Blob([text]).size;
  }

  function readText(text, def, itemIds) {
    if (byteLength(text) > def.limits.file_bytes) {
      throw new ReadError(
        "This file is too big to be saved answers (the limit is " +
          Math.round(def.limits.file_bytes / 1024) +
          " KB)."
      );
    }
    var doc;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      throw new ReadError("This is not a file of saved answers from this guide.");
    }
    return readDocument(doc, def, itemIds);
  }

  /* ----------------------------------------------------------------- storage */

  function storageArea(name) {
    try {
      var area = window[name];
      var probe = "playbook:probe";
      area.setItem(probe, "1");
      area.removeItem(probe);
      return area;
    } catch (error) {
      return null; // disabled storage, private modes, sandboxed frames
    }
  }

  function getItem(area, key) {
    try {
      return area ? area.getItem(key) : null;
    } catch (error) {
      return null;
    }
  }

  function setItem(area, key, value) {
    try {
      if (area) area.setItem(key, value);
      return Boolean(area);
    } catch (error) {
      return false; // quota exceeded
    }
  }

  function removeItem(area, key) {
    try {
      if (area) area.removeItem(key);
    } catch (error) {
      /* nothing to remove */
    }
  }

  function keysWithPrefix(area, prefix) {
    var found = [];
    try {
      for (var i = 0; area && i < area.length; i += 1) {
        var key = area.key(i);
        if (key && key.indexOf(prefix) === 0) found.push(key);
      }
    } catch (error) {
      /* unreadable storage: nothing found */
    }
    return found;
  }

  /* ------------------------------------------------------------- DOM helpers */

  var uid = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) return;
        if (name === "text") node.textContent = value;
        else if (name === "className") node.className = value;
        else if (value === true) node.setAttribute(name, "");
        else node.setAttribute(name, String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function nextId(base) {
    uid += 1;
    return "pb-" + base + "-" + uid;
  }

  function button(label, className) {
    return el("button", { type: "button", className: "pb-button " + (className || ""), text: label });
  }

  function number(value) {
    if (value === null || value === undefined) return "";
    return String(Math.round(value * 100) / 100);
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function today() {
    return new Date().toISOString().slice(0, 10);
  }

  function download(filename, mime, text) {
    var url = URL.createObjectURL(new Blob([text], { type: mime }));
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    // Not attached to the page, so Material's instant navigation never sees the click.
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
  }

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    // Keep spreadsheets from running a cell as a formula (a number, such as a negative
    // gap, is never one).
    if (typeof value !== "number" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return '"' + text.replace(/"/g, '""') + '"';
  }

  /* --------------------------------------------------------------- checklist */

  function Checklist(form, def) {
    this.form = form;
    this.def = def;
    this.isOffer = def.kind === OFFER_KIND;
    this.scored = !this.isOffer;
    this.items = [];
    this.itemIds = new Set();
    this.option = Object.create(null);
    var self = this;
    def.sections.forEach(function (section) {
      section.items.forEach(function (item) {
        self.items.push(item);
        self.itemIds.add(item.id);
      });
    });
    def.scale.forEach(function (option) {
      self.option[option.value] = option;
    });
    this.prefix = "playbook:" + def.edition + ":" + def.checklist + ":";
    this.key = this.prefix + "v" + def.version;
    this.rememberKey = this.prefix + "remember";
    this.session = storageArea("sessionStorage");
    this.local = storageArea("localStorage");
    this.remember = getItem(this.local, this.rememberKey) === "1";
    this.sets = [this.emptySet(0)];
    this.current = 0;
    this.small = false;
  }

  Checklist.prototype.emptySet = function (index) {
    return { name: this.isOffer ? "Offer " + (index + 1) : null, answers: {} };
  };

  Checklist.prototype.answers = function () {
    return this.sets[this.current].answers;
  };

  Checklist.prototype.offerName = function (index) {
    var set = this.sets[index];
    var name = set && set.name ? set.name.trim() : "";
    return name || "Offer " + (index + 1);
  };

  /* Storage records have the saved-file shape, so one reader serves both. */
  Checklist.prototype.record = function () {
    var def = this.def;
    var self = this;
    var doc = {
      format: def.format,
      checklist: def.checklist,
      version: def.version,
      edition: def.edition,
      kind: def.kind,
      title: def.title,
    };
    if (this.isOffer) {
      doc.offers = this.sets.map(function (set, index) {
        return { name: self.offerName(index), answers: set.answers };
      });
      doc.current = this.current;
    } else {
      doc.answers = this.sets[0].answers;
      if (this.small) doc.small_employer = true;
    }
    return doc;
  };

  Checklist.prototype.area = function () {
    return this.remember ? this.local : this.session;
  };

  Checklist.prototype.persist = function () {
    var text = JSON.stringify(this.record());
    if (byteLength(text) > this.def.limits.file_bytes) return;
    if (!setItem(this.area(), this.key, text) && this.area()) {
      this.say("Your answers could not be kept on this device (storage is full). Save them to a file.", true);
    }
  };

  Checklist.prototype.apply = function (result) {
    this.sets = result.sets.map(function (set) {
      return { name: set.name, answers: set.answers };
    });
    this.current = result.current;
    this.small = result.small;
  };

  Checklist.prototype.load = function () {
    var notices = [];
    var stored = getItem(this.area(), this.key);
    if (stored === null && this.remember) stored = getItem(this.session, this.key);
    if (stored !== null) {
      try {
        this.apply(readText(stored, this.def, this.itemIds));
      } catch (error) {
        this.forget(this.key);
        notices.push("Answers kept on this device could not be read, so they were removed.");
      }
    } else {
      notices = notices.concat(this.migrate());
    }
    return notices;
  };

  Checklist.prototype.forget = function (key) {
    removeItem(this.session, key);
    removeItem(this.local, key);
  };

  // Answers kept under another version of this checklist: keep what still fits.
  Checklist.prototype.migrate = function () {
    var self = this;
    var notices = [];
    var versionPrefix = this.prefix + "v";
    [this.local, this.session].forEach(function (area) {
      keysWithPrefix(area, versionPrefix).forEach(function (key) {
        var version = Number(key.slice(versionPrefix.length));
        // Leave answers for a newer version alone (a page served from an old cache).
        if (key === self.key || version > self.def.version) return;
        var text = getItem(area, key);
        removeItem(area, key);
        if (notices.length) return; // the first readable record wins
        try {
          var result = readDocument(JSON.parse(text), self.def, self.itemIds);
          self.apply(result);
          if (area === self.local) {
            self.remember = true;
            setItem(self.local, self.rememberKey, "1");
          }
          var kept = self.sets.reduce(function (sum, set) {
            return sum + Object.keys(set.answers).length;
          }, 0);
          var note =
            "This checklist has changed since you last used it (version " +
            result.version +
            " to " +
            self.def.version +
            "). " +
            plural(kept, "answer was", "answers were") +
            " kept.";
          var dropped = result.ignoredItems + result.ignoredValues;
          if (dropped) {
            note +=
              " " +
              plural(dropped, "answer was", "answers were") +
              " dropped because the question was removed or its choices changed" +
              (result.dropped.length ? ": " + result.dropped.join(", ") + "." : ".");
          }
          notices.push(note);
          self.persist();
        } catch (error) {
          notices.push(
            "Answers saved from an earlier version of this checklist could not be used, so they were removed."
          );
        }
      });
    });
    return notices;
  };

  /* ---------------------------------------------------------------- building */

  Checklist.prototype.build = function () {
    var self = this;
    var form = this.form;
    form.classList.add("pb-js");
    var article = form.closest(".md-content__inner") || form.parentElement;
    if (article) article.classList.add("pb-has-checklist");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });

    this.radios = Object.create(null);
    form.querySelectorAll("fieldset.pb-item").forEach(function (fieldset) {
      var id = fieldset.getAttribute("data-pb-item");
      self.radios[id] = Array.prototype.slice.call(fieldset.querySelectorAll('input[type="radio"]'));
    });
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (!target || target.type !== "radio" || !target.closest(".pb-item")) return;
      var id = target.closest(".pb-item").getAttribute("data-pb-item");
      if (!self.itemIds.has(id) || !(target.value in self.option)) return;
      self.answers()[id] = target.value;
      self.changed(true);
    });

    var controls = form.querySelector(".pb-controls");
    controls.textContent = "";
    if (this.isOffer) controls.appendChild(this.buildOffers());
    controls.appendChild(this.buildStorage());
    controls.appendChild(this.buildActions());
    this.message = el("p", { className: "pb-message", role: "status" });
    this.error = el("p", { className: "pb-error", role: "alert" });
    controls.appendChild(this.message);
    controls.appendChild(this.error);
    controls.hidden = false;

    this.progress = this.buildProgress();
    form.appendChild(this.progress.root);

    this.results = document.getElementById("pb-results");
    this.buildResults();
    this.results.hidden = false;

    // "Compare with your workers", one per checklist that pairs with this one.
    this.pairs = [];
    (this.def.companions || []).forEach(function (companion) {
      document.querySelectorAll("section.pb-pair").forEach(function (root) {
        if (root.getAttribute("data-pb-companion") !== companion.checklist) return;
        var pair = new Pair(self, root, companion);
        pair.build();
        self.pairs.push(pair);
      });
    });
  };

  Checklist.prototype.buildOffers = function () {
    var self = this;
    var box = el("fieldset", { className: "pb-offers" });
    box.appendChild(el("legend", { text: "Your job offers" }));
    box.appendChild(
      el("p", {
        className: "pb-hint",
        text: "Answer the questions once for each offer, up to " + this.def.limits.offers + ". Pick the offer you are answering for:",
      })
    );
    this.offerList = el("div", { className: "pb-offer-list" });
    box.appendChild(this.offerList);
    var nameId = nextId("offer-name");
    this.nameInput = el("input", {
      id: nameId,
      type: "text",
      className: "pb-offer-name",
      maxlength: this.def.limits.name_length,
      autocomplete: "off",
      spellcheck: "false",
    });
    this.nameInput.addEventListener("input", function () {
      self.sets[self.current].name = Array.from(self.nameInput.value)
        .slice(0, self.def.limits.name_length)
        .join("");
      var label = self.offerList.querySelectorAll(".pb-offer-label")[self.current];
      if (label) label.textContent = self.offerName(self.current);
      self.persist();
      self.render(false);
    });
    box.appendChild(
      el("div", { className: "pb-offer-rename" }, [
        el("label", { for: nameId, text: "Name of this offer" }),
        this.nameInput,
      ])
    );
    this.addOffer = button("Add another offer");
    this.removeOffer = button("Remove this offer");
    this.addOffer.addEventListener("click", function () {
      self.add();
    });
    this.removeOffer.addEventListener("click", function () {
      self.confirm(
        "Remove \u201c" + self.offerName(self.current) + "\u201d and its answers?",
        "Yes, remove it",
        self.removeOffer,
        function () {
          self.remove();
        }
      );
    });
    this.offerLimit = el("p", { className: "pb-hint pb-offer-limit", text: "" });
    box.appendChild(el("div", { className: "pb-offer-actions" }, [this.addOffer, this.removeOffer]));
    box.appendChild(this.offerLimit);
    return box;
  };

  Checklist.prototype.renderOfferList = function () {
    var self = this;
    this.offerList.textContent = "";
    var group = "pb-offer-" + this.def.checklist;
    this.sets.forEach(function (set, index) {
      var input = el("input", { type: "radio", name: group, value: String(index) });
      input.checked = index === self.current;
      input.addEventListener("change", function () {
        if (input.checked) self.switchTo(index);
      });
      self.offerList.appendChild(
        el("label", { className: "pb-option pb-offer-choice" }, [
          input,
          " ",
          el("span", { className: "pb-offer-label", text: self.offerName(index) }),
        ])
      );
    });
    this.nameInput.value = this.sets[this.current].name || "";
    var full = this.sets.length >= this.def.limits.offers;
    this.addOffer.disabled = full;
    this.removeOffer.disabled = this.sets.length < 2;
    this.offerLimit.textContent = full
      ? "You are comparing the most offers this page holds (" + this.def.limits.offers + "). Remove one to add another."
      : "";
  };

  Checklist.prototype.buildStorage = function () {
    var self = this;
    var hintId = nextId("remember-hint");
    this.rememberBox = el("input", { type: "checkbox", "aria-describedby": hintId });
    this.rememberBox.checked = this.remember;
    this.rememberBox.disabled = !this.local;
    this.rememberHint = el("p", { className: "pb-hint", id: hintId });
    this.rememberBox.addEventListener("change", function () {
      self.setRemember(self.rememberBox.checked);
    });
    return el("div", { className: "pb-storage" }, [
      el("label", { className: "pb-remember" }, [this.rememberBox, " Remember my answers on this device"]),
      this.rememberHint,
    ]);
  };

  Checklist.prototype.updateRememberHint = function () {
    if (!this.local && !this.session) {
      this.rememberHint.textContent =
        "This browser does not let the page keep answers. Save them to a file before you leave.";
    } else {
      this.rememberHint.textContent = this.remember
        ? "On: your answers stay in this browser until you clear them. Turn this off on a shared computer."
        : "Off: your answers are kept only until you close this tab.";
    }
  };

  Checklist.prototype.setRemember = function (on) {
    var from = this.area();
    this.remember = on && Boolean(this.local);
    if (this.remember) setItem(this.local, this.rememberKey, "1");
    else removeItem(this.local, this.rememberKey);
    removeItem(from, this.key);
    this.persist();
    this.updateRememberHint();
    this.say(
      this.remember
        ? "Your answers will be remembered on this device until you clear them."
        : "Your answers will be kept only until you close this tab."
    );
  };

  Checklist.prototype.buildActions = function () {
    var self = this;
    var save = button("Save to file");
    var restore = button("Restore from file");
    var csv = button("Download CSV");
    var print = button(this.isOffer ? "Print this offer" : "Print");
    var clear = button("Clear my answers", "pb-danger");
    this.fileInput = el("input", {
      type: "file",
      accept: "application/json,.json",
      className: "pb-file",
      hidden: true,
      tabindex: "-1",
      "aria-hidden": "true",
    });
    save.addEventListener("click", function () {
      self.saveFile();
    });
    restore.addEventListener("click", function () {
      self.fileInput.value = "";
      self.fileInput.click();
    });
    this.fileInput.addEventListener("change", function () {
      var file = self.fileInput.files && self.fileInput.files[0];
      if (file) self.restoreFile(file);
    });
    csv.addEventListener("click", function () {
      self.saveCsv();
    });
    print.addEventListener("click", function () {
      window.print();
    });
    clear.addEventListener("click", function () {
      self.confirm(
        "Clear all your answers" + (self.isOffer ? ", for every offer," : "") + " from this page and this device?",
        "Yes, clear them",
        clear,
        function () {
          self.clear();
        }
      );
    });
    this.confirmBox = el("div", { className: "pb-confirm", hidden: true, role: "group" });
    return el("div", { className: "pb-actions-wrap" }, [
      el("div", { className: "pb-actions", role: "group", "aria-label": "Your answers" }, [
        save,
        restore,
        csv,
        print,
        clear,
        this.fileInput,
      ]),
      this.confirmBox,
    ]);
  };

  // An inline "are you sure?" with focus moved to it and back.
  Checklist.prototype.confirm = function (question, yesLabel, returnTo, onYes) {
    var box = this.confirmBox;
    var questionId = nextId("confirm");
    var yes = button(yesLabel, "pb-danger");
    var no = button("Cancel");
    box.textContent = "";
    box.setAttribute("aria-labelledby", questionId);
    box.appendChild(el("p", { id: questionId, text: question }));
    box.appendChild(yes);
    box.appendChild(no);
    box.hidden = false;
    function close() {
      box.hidden = true;
      box.textContent = "";
      if (returnTo && !returnTo.disabled) returnTo.focus();
    }
    yes.addEventListener("click", function () {
      onYes();
      close();
    });
    no.addEventListener("click", close);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });
    yes.focus();
  };

  Checklist.prototype.buildProgress = function () {
    var text = el("span", { className: "pb-progress-text" });
    var fill = el("span", { className: "pb-progress-fill" });
    var bar = el("span", { className: "pb-progress-bar", "aria-hidden": "true" }, [fill]);
    var link = el("a", { href: "#pb-results", className: "pb-progress-link", text: this.isOffer ? "See summary" : "See results" });
    var live = el("span", { className: "pb-progress-live", role: "status" }, [text]);
    return { root: el("div", { className: "pb-progress" }, [live, bar, link]), text: text, fill: fill };
  };

  Checklist.prototype.buildResults = function () {
    var self = this;
    var body = this.results.querySelector(".pb-results-body");
    body.textContent = "";
    this.view = {};
    if (this.isOffer) {
      this.view.heading = el("p", { className: "pb-offer-heading" });
      this.view.counts = el("p", { className: "pb-counts" });
      this.view.flags = el("div", { className: "pb-flags" });
      this.view.asks = el("div", { className: "pb-asks" });
      this.view.good = el("div", { className: "pb-good" });
      this.view.compare = el("div", { className: "pb-compare-wrap pb-screen-only" });
      body.appendChild(this.view.heading);
      body.appendChild(this.view.counts);
      body.appendChild(el("div", { className: "pb-offer-lists" }, [this.view.flags, this.view.asks, this.view.good]));
      body.appendChild(this.view.compare);
    } else {
      this.view.overall = el("div", { className: "pb-overall" });
      this.view.chart = el("div", { className: "pb-chart-wrap" });
      this.view.method = el("div", { className: "pb-method" });
      body.appendChild(this.view.overall);
      body.appendChild(this.view.chart);
      body.appendChild(this.view.method);
      var planTitleId = nextId("plan-title");
      var plan = el("section", { className: "pb-plan", "aria-labelledby": planTitleId });
      plan.appendChild(el("h3", { id: planTitleId, text: "Your action plan" }));
      plan.appendChild(
        el("p", {
          className: "pb-hint",
          text:
            "Start with your lowest-scoring sections (up to " +
            this.def.limits.plan +
            "). Each lists the questions that scored lowest and the practices in this guide that help.",
        })
      );
      if (this.def.kind === "self-assessment" || this.def.kind === "worker-pulse") {
        this.smallBox = el("input", { type: "checkbox", className: "pb-small" });
        this.smallBox.addEventListener("change", function () {
          self.small = self.smallBox.checked;
          self.persist();
          self.render(false);
          self.say(
            self.small
              ? "Good first steps for small employers are now listed first."
              : "Practices are listed in their usual order."
          );
        });
        plan.appendChild(
          el("label", { className: "pb-small-label" }, [
            this.smallBox,
            " A small employer (fewer than 50 workers): show good first steps first",
          ])
        );
      }
      this.view.plan = el("div", { className: "pb-plan-body" });
      plan.appendChild(this.view.plan);
      body.appendChild(plan);
      this.view.unsure = el("div", { className: "pb-unsure" });
      body.appendChild(this.view.unsure);
      // Printed with the results (offers print their three lists instead).
      this.view.print = el("div", { className: "pb-print-only pb-print-answers" });
      body.appendChild(this.view.print);
    }
  };

  /* ----------------------------------------------------------------- actions */

  Checklist.prototype.say = function (text, isError) {
    this.message.textContent = isError ? "" : text;
    this.error.textContent = isError ? text : "";
  };

  Checklist.prototype.fillForm = function () {
    var answers = this.answers();
    var self = this;
    Object.keys(this.radios).forEach(function (id) {
      var value = own(answers, id) ? answers[id] : null;
      self.radios[id].forEach(function (radio) {
        radio.checked = radio.value === value;
      });
    });
    if (this.smallBox) this.smallBox.checked = this.small;
    if (this.isOffer) this.renderOfferList();
  };

  Checklist.prototype.changed = function (announce) {
    this.persist();
    this.render(announce);
  };

  Checklist.prototype.switchTo = function (index) {
    this.current = index;
    this.fillForm();
    this.persist();
    this.render(false);
    this.say("Now answering for " + this.offerName(index) + ".");
  };

  Checklist.prototype.add = function () {
    if (this.sets.length >= this.def.limits.offers) return;
    var taken = new Set(
      this.sets.map(function (set, index) {
        return this.offerName(index);
      }, this)
    );
    var n = this.sets.length + 1;
    while (taken.has("Offer " + n)) n += 1;
    this.sets.push({ name: "Offer " + n, answers: {} });
    this.current = this.sets.length - 1;
    this.fillForm();
    this.persist();
    this.render(false);
    this.say("Added " + this.offerName(this.current) + ". Give it a name, then answer the questions for it.");
    this.nameInput.focus();
    this.nameInput.select();
  };

  Checklist.prototype.remove = function () {
    if (this.sets.length < 2) return;
    var name = this.offerName(this.current);
    this.sets.splice(this.current, 1);
    this.current = Math.max(0, this.current - 1);
    this.fillForm();
    this.persist();
    this.render(false);
    this.say("Removed " + name + ". Now answering for " + this.offerName(this.current) + ".");
  };

  Checklist.prototype.clear = function () {
    this.forget(this.key);
    removeItem(this.local, this.rememberKey);
    this.remember = false;
    this.rememberBox.checked = false;
    this.sets = [this.emptySet(0)];
    this.current = 0;
    this.small = false;
    this.fillForm();
    this.updateRememberHint();
    this.render(false);
    this.say("Your answers were cleared from this page and this device.");
  };

  Checklist.prototype.fileName = function (extension) {
    return this.def.checklist + "-answers-" + today() + "." + extension;
  };

  Checklist.prototype.saveFile = function () {
    var doc = this.record();
    doc.saved = new Date().toISOString();
    if (this.scored) {
      var result = score(this.def, this.answers());
      doc.scores = { overall: result.overall, sections: result.sections };
    }
    download(this.fileName("json"), "application/json", JSON.stringify(doc, null, 2) + "\n");
    this.say("Saved your answers to a file. Keep it somewhere private.");
  };

  Checklist.prototype.saveCsv = function () {
    var self = this;
    var rows = [];
    if (this.isOffer) {
      rows.push(
        ["Section", "Item id", "Question"].concat(
          this.sets.map(function (set, index) {
            return self.offerName(index);
          })
        )
      );
    } else {
      rows.push(["Section", "Item id", "Question", "Answer", "Points", "Weight"]);
    }
    this.def.sections.forEach(function (section) {
      section.items.forEach(function (item) {
        var row = [section.title, item.id, item.question];
        if (self.isOffer) {
          self.sets.forEach(function (set) {
            var option = own(set.answers, item.id) ? self.option[set.answers[item.id]] : null;
            row.push(option ? option.label : "");
          });
        } else {
          var answers = self.answers();
          var option = own(answers, item.id) ? self.option[answers[item.id]] : null;
          row.push(option ? option.label : "");
          row.push(option && option.points !== null ? number(option.points) : "");
          row.push(number(item.weight));
        }
        rows.push(row);
      });
    });
    var text =
      "\ufeff" +
      rows
        .map(function (row) {
          return row.map(csvCell).join(",");
        })
        .join("\r\n") +
      "\r\n";
    download(this.fileName("csv"), "text/csv", text);
    this.say("Downloaded your answers as a CSV file.");
  };

  Checklist.prototype.restoreFile = function (file) {
    var self = this;
    var fail = function (text) {
      self.say("Could not restore from " + quoted(file.name) + ": " + text + " Nothing was changed.", true);
    };
    if (file.size > this.def.limits.file_bytes) {
      fail("this file is too big to be saved answers (the limit is " + Math.round(this.def.limits.file_bytes / 1024) + " KB).");
      return;
    }
    file.text().then(
      function (text) {
        var result;
        try {
          result = readText(text, self.def, self.itemIds);
        } catch (error) {
          if (error instanceof ReadError) {
            fail(error.message.charAt(0).toLowerCase() + error.message.slice(1));
            return;
          }
          throw error;
        }
        self.apply(result);
        self.fillForm();
        self.persist();
        self.render(false);
        var kept = result.sets.reduce(function (sum, set) {
          return sum + Object.keys(set.answers).length;
        }, 0);
        var note = "Restored " + plural(kept, "answer", "answers");
        if (self.isOffer) note += " for " + plural(result.sets.length, "offer", "offers");
        note += " from " + quoted(file.name) + ".";
        if (result.version !== self.def.version) {
          note += " The file was saved from version " + result.version + " of this checklist; this page is version " + self.def.version + ".";
        }
        if (result.ignoredItems) {
          note +=
            " " +
            plural(result.ignoredItems, "answer was", "answers were") +
            " left out because this checklist has no such question.";
        }
        if (result.ignoredValues) {
          note +=
            " " +
            plural(result.ignoredValues, "answer was", "answers were") +
            " left out because the answer is not one of the choices.";
        }
        self.say(note);
      },
      function () {
        fail("the file could not be read.");
      }
    );
  };

  /* --------------------------------------------------------------- rendering */

  Checklist.prototype.render = function (announce) {
    var answers = this.answers();
    var result = score(this.def, answers);
    var total = this.items.length;
    this.progress.fill.style.width = total ? (100 * result.answered) / total + "%" : "0";
    var parts = [];
    if (this.isOffer) parts.push(this.offerName(this.current) + ":");
    parts.push(result.answered + " of " + total + " answered.");
    if (this.isOffer) {
      var flags = this.flagged(answers).length;
      parts.push(plural(flags, "red flag.", "red flags."));
    } else if (result.overall !== null) {
      parts.push("Overall score " + number(result.overall) + " out of 100.");
    }
    // Text that changes is announced politely by the status role; only on answers.
    this.progress.text.parentNode.setAttribute("aria-live", announce ? "polite" : "off");
    this.progress.text.textContent = parts.join(" ");
    if (this.isOffer) this.renderOffer(answers, result);
    else {
      this.renderScores(answers, result);
      this.renderPrintAnswers(answers);
    }
    this.pairs.forEach(function (pair) {
      pair.render();
    });
  };

  Checklist.prototype.flagged = function (answers) {
    var self = this;
    return this.items.filter(function (item) {
      var option = own(answers, item.id) ? self.option[answers[item.id]] : null;
      return option && option.concern;
    });
  };

  Checklist.prototype.renderScores = function (answers, result) {
    var def = this.def;
    var view = this.view;
    view.overall.textContent = "";
    view.overall.appendChild(
      el("p", { className: "pb-overall-score" }, [
        el("strong", {
          text:
            result.overall === null
              ? "Overall score: not yet scored"
              : "Overall score: " + number(result.overall) + " out of 100",
        }),
      ])
    );
    view.overall.appendChild(
      el("p", {
        text:
          "You have answered " +
          result.answered +
          " of " +
          this.items.length +
          " questions" +
          (result.unscored ? "; " + result.unscored + " \u201cNot sure\u201d, which are not scored." : "."),
      })
    );

    // Chart: the bars are drawing only; each row says its score in words too.
    var captionId = nextId("chart");
    var rows = el("ul", { className: "pb-chart-rows" });
    def.sections.forEach(function (section) {
      var value = result.sections[section.key];
      var fill = el("span", { className: "pb-chart-fill" });
      fill.style.width = (value === null ? 0 : value) + "%";
      rows.appendChild(
        el("li", { className: "pb-chart-row" + (value === null ? " pb-chart-empty" : "") }, [
          el("span", { className: "pb-chart-label", text: section.title }),
          el("span", { className: "pb-chart-bar", "aria-hidden": "true" }, [fill]),
          el("span", {
            className: "pb-chart-value",
            text: value === null ? "not scored yet" : number(value) + " / 100",
          }),
        ])
      );
    });
    view.chart.textContent = "";
    view.chart.appendChild(
      el("figure", { className: "pb-chart", "aria-labelledby": captionId }, [
        el("figcaption", { id: captionId, text: "Score by section, from 0 to 100" }),
        rows,
      ])
    );

    // The method, in numbers.
    var tbody = el("tbody");
    def.sections.forEach(function (section) {
      var d = result.details[section.key];
      tbody.appendChild(
        el("tr", null, [
          el("th", { scope: "row", text: section.title }),
          el("td", { text: d.answered + " of " + d.items }),
          el("td", { text: String(d.unscored) }),
          el("td", { text: number(d.earned) + " of " + number(d.possible) }),
          el("td", { text: result.sections[section.key] === null ? "\u2014" : number(result.sections[section.key]) }),
        ])
      );
    });
    var earned = 0;
    var possible = 0;
    Object.keys(result.details).forEach(function (key) {
      earned += result.details[key].earned;
      possible += result.details[key].possible;
    });
    // No class on tables: Material styles only table:not([class]).
    var table = el("table", null, [
      el("caption", { text: "How each score is worked out: weighted points earned \u00f7 most possible \u00d7 100" }),
      el("thead", null, [
        el("tr", null, [
          el("th", { scope: "col", text: "Section" }),
          el("th", { scope: "col", text: "Answered" }),
          el("th", { scope: "col", text: "Not sure" }),
          el("th", { scope: "col", text: "Weighted points" }),
          el("th", { scope: "col", text: "Score" }),
        ]),
      ]),
      tbody,
      el("tfoot", null, [
        el("tr", null, [
          el("th", { scope: "row", text: "Overall" }),
          el("td", { text: result.answered + " of " + this.items.length }),
          el("td", { text: String(result.unscored) }),
          el("td", { text: number(earned) + " of " + number(possible) }),
          el("td", { text: result.overall === null ? "\u2014" : number(result.overall) }),
        ]),
      ]),
    ]);
    view.method.textContent = "";
    view.method.appendChild(
      el("div", { className: "pb-table-scroll", role: "region", "aria-label": "Score details", tabindex: "0" }, [table])
    );

    this.renderPlan(answers, result);
    this.renderUnsure(answers);
  };

  Checklist.prototype.renderPlan = function (answers, result) {
    var self = this;
    var def = this.def;
    var view = this.view.plan;
    view.textContent = "";
    var ranked = def.sections
      .map(function (section, index) {
        return { section: section, index: index, value: result.sections[section.key] };
      })
      .filter(function (entry) {
        return entry.value !== null && entry.value < 100;
      })
      .sort(function (a, b) {
        return a.value - b.value || a.index - b.index;
      })
      .slice(0, def.limits.plan);
    if (!ranked.length) {
      var anyScored = def.sections.some(function (section) {
        return result.sections[section.key] !== null;
      });
      view.appendChild(
        el("p", {
          text: anyScored
            ? "Every section you answered scored 100 out of 100. Answer the rest, or ask your workers what they think."
            : "Answer some questions to see where to start.",
        })
      );
      return;
    }
    var top = Number(def.max_points);
    var list = el("ol", { className: "pb-plan-list" });
    ranked.forEach(function (entry) {
      var section = entry.section;
      var weak = section.items
        .filter(function (item) {
          var option = own(answers, item.id) ? self.option[answers[item.id]] : null;
          return option && option.points !== null && option.points < top;
        })
        .sort(function (a, b) {
          return self.option[answers[a.id]].points - self.option[answers[b.id]].points || b.weight - a.weight;
        });
      var practices = [];
      var seen = new Set();
      function addAll(list2) {
        list2.forEach(function (practice) {
          if (!seen.has(practice.id) && practice.href) {
            seen.add(practice.id);
            practices.push(practice);
          }
        });
      }
      weak.forEach(function (item) {
        addAll(item.practices);
      });
      section.items.forEach(function (item) {
        addAll(item.practices);
      });
      addAll(section.practices || []);
      if (self.small) {
        practices = practices
          .map(function (practice, index) {
            return { practice: practice, index: index, first: practice.first_step && practice.small ? 0 : 1 };
          })
          .sort(function (a, b) {
            return a.first - b.first || a.index - b.index;
          })
          .map(function (wrapped) {
            return wrapped.practice;
          });
      }
      var li = el("li", { className: "pb-plan-step" });
      li.appendChild(
        el("p", { className: "pb-plan-title" }, [
          el("strong", { text: section.title }),
          " \u2014 " + number(entry.value) + " out of 100",
        ])
      );
      if (weak.length) {
        li.appendChild(el("p", { className: "pb-plan-label", text: "Lowest answers:" }));
        li.appendChild(
          el(
            "ul",
            null,
            weak.slice(0, 3).map(function (item) {
              return el("li", null, [
                item.question + " ",
                el("span", { className: "pb-answer-tag", text: "(" + self.option[answers[item.id]].label + ")" }),
              ]);
            })
          )
        );
      }
      if (practices.length) {
        li.appendChild(el("p", { className: "pb-plan-label", text: "Practices that help:" }));
        li.appendChild(
          el(
            "ul",
            { className: "pb-plan-practices" },
            practices.slice(0, 5).map(function (practice) {
              var notes = [];
              if (practice.first_step && practice.small) notes.push("good first step for a small employer");
              if (practice.effort) notes.push(practice.effort + " effort");
              return el("li", null, [
                el("a", { href: practice.href, text: practice.title }),
                notes.length ? " (" + notes.join("; ") + ")" : null,
              ]);
            })
          )
        );
      } else {
        li.appendChild(el("p", { className: "pb-hint", text: "This guide has no practices for this section yet." }));
      }
      list.appendChild(li);
    });
    view.appendChild(list);
  };

  Checklist.prototype.renderUnsure = function (answers) {
    var self = this;
    var view = this.view.unsure;
    view.textContent = "";
    var unsure = this.items.filter(function (item) {
      var option = own(answers, item.id) ? self.option[answers[item.id]] : null;
      return option && option.points === null;
    });
    if (!unsure.length) return;
    view.appendChild(el("h3", { text: "Find out: questions you were not sure about (" + unsure.length + ")" }));
    view.appendChild(
      el(
        "ul",
        null,
        unsure.map(function (item) {
          return el("li", { text: item.question });
        })
      )
    );
  };

  Checklist.prototype.renderOffer = function (answers) {
    var self = this;
    var view = this.view;
    view.heading.textContent = "";
    view.heading.appendChild(el("strong", { text: "Offer: " }));
    view.heading.appendChild(document.createTextNode(this.offerName(this.current)));

    var counts = {};
    this.def.scale.forEach(function (option) {
      counts[option.value] = 0;
    });
    var unanswered = [];
    var unsure = [];
    this.items.forEach(function (item) {
      var option = own(answers, item.id) ? self.option[answers[item.id]] : null;
      if (!option) unanswered.push(item);
      else {
        counts[option.value] += 1;
        if (option.points === null) unsure.push(item);
      }
    });
    view.counts.textContent =
      this.def.scale
        .map(function (option) {
          return option.label + ": " + counts[option.value];
        })
        .join(" \u00b7 ") +
      " \u00b7 Not answered: " +
      unanswered.length;

    // Each question appears once: a red flag, a question to ask, or a good sign. That
    // is the whole record of the offer, compact enough to print on one page.
    var flagged = this.flagged(answers);
    var good = this.items.filter(function (item) {
      var option = own(answers, item.id) ? self.option[answers[item.id]] : null;
      return option && !option.concern && option.points !== null;
    });
    view.flags.textContent = "";
    view.flags.appendChild(el("h3", { text: "Red flags (" + flagged.length + ")" }));
    if (flagged.length) {
      view.flags.appendChild(
        el(
          "ul",
          { className: "pb-flag-list" },
          flagged.map(function (item) {
            return el("li", null, [
              el("strong", { text: item.question }),
              el("span", {
                className: "pb-screen-only",
                text: " You answered \u201c" + self.option[answers[item.id]].label + "\u201d.",
              }),
              item.red_flag ? " " + item.red_flag : null,
            ]);
          })
        )
      );
    } else {
      view.flags.appendChild(el("p", { text: "No red flags in your answers so far." }));
    }

    view.asks.textContent = "";
    view.asks.appendChild(el("h3", { text: "Questions to ask (" + (unsure.length + unanswered.length) + ")" }));
    function askItem(item) {
      return el("li", null, [
        el("strong", { className: "pb-ask-about", text: item.question }),
        item.ask ? " Ask: " + item.ask : null,
      ]);
    }
    if (unsure.length) {
      view.asks.appendChild(el("p", { text: "You were not sure about these:" }));
      view.asks.appendChild(el("ul", { className: "pb-ask-list" }, unsure.map(askItem)));
    }
    if (unanswered.length) {
      view.asks.appendChild(
        el("details", { className: "pb-unanswered" }, [
          el("summary", { text: "You have not answered " + plural(unanswered.length, "question", "questions") + " yet" }),
          el("ul", { className: "pb-ask-list" }, unanswered.map(askItem)),
        ])
      );
    }
    if (!unsure.length && !unanswered.length) {
      view.asks.appendChild(el("p", { text: "You have answered every question." }));
    }

    view.good.textContent = "";
    view.good.appendChild(el("h3", { text: "Good signs (" + good.length + ")" }));
    view.good.appendChild(
      good.length
        ? el(
            "ul",
            { className: "pb-good-list" },
            good.map(function (item) {
              return el("li", { text: item.question + " (" + self.option[answers[item.id]].label + ")" });
            })
          )
        : el("p", { text: "None yet." })
    );
    this.renderComparison();
  };

  Checklist.prototype.renderComparison = function () {
    var self = this;
    var view = this.view.compare;
    view.textContent = "";
    var titleId = nextId("compare");
    view.appendChild(el("h3", { id: titleId, text: "Compare your offers" }));
    if (this.sets.length < 2) {
      view.appendChild(
        el("p", {
          className: "pb-hint",
          text: "Add another offer at the top of the checklist to compare up to " + this.def.limits.offers + " side by side.",
        })
      );
      return;
    }
    var head = el("tr", null, [el("th", { scope: "col", text: "Question" })]);
    this.sets.forEach(function (set, index) {
      head.appendChild(
        el("th", { scope: "col" }, [
          self.offerName(index),
          index === self.current ? el("span", { className: "pb-hint", text: " (answering now)" }) : null,
        ])
      );
    });
    var summary = el("tbody", { className: "pb-compare-summary" });
    var countRow = function (label, test) {
      var row = el("tr", null, [el("th", { scope: "row", text: label })]);
      self.sets.forEach(function (set) {
        row.appendChild(
          el("td", {
            text: String(
              self.items.filter(function (item) {
                return test(own(set.answers, item.id) ? self.option[set.answers[item.id]] : null);
              }).length
            ),
          })
        );
      });
      return row;
    };
    summary.appendChild(countRow("Red flags", function (o) { return Boolean(o && o.concern); }));
    this.def.scale.forEach(function (option) {
      if (option.concern) return;
      summary.appendChild(countRow(option.label, function (o) { return o === option; }));
    });
    summary.appendChild(countRow("Not answered", function (o) { return !o; }));
    var table = el("table", { "aria-labelledby": titleId }, [el("thead", null, [head]), summary]);
    this.def.sections.forEach(function (section) {
      var tbody = el("tbody", null, [
        el("tr", { className: "pb-compare-section" }, [
          el("th", { scope: "colgroup", colspan: String(self.sets.length + 1), text: section.title }),
        ]),
      ]);
      section.items.forEach(function (item) {
        var row = el("tr", null, [el("th", { scope: "row", text: item.question })]);
        self.sets.forEach(function (set) {
          var option = own(set.answers, item.id) ? self.option[set.answers[item.id]] : null;
          var cell = el("td");
          if (!option) cell.appendChild(el("span", { className: "pb-hint", text: "Not answered" }));
          else {
            cell.appendChild(document.createTextNode(option.label + " "));
            if (option.concern) cell.appendChild(el("span", { className: "pb-flag", text: "red flag" }));
          }
          row.appendChild(cell);
        });
        tbody.appendChild(row);
      });
      table.appendChild(tbody);
    });
    view.appendChild(
      el("div", { className: "pb-table-scroll", role: "region", "aria-labelledby": titleId, tabindex: "0" }, [table])
    );
  };

  // A compact list of the answers, shown only when printing.
  Checklist.prototype.renderPrintAnswers = function (answers) {
    var self = this;
    var view = this.view.print;
    view.textContent = "";
    view.appendChild(el("h3", { text: "Your answers" }));
    var table = el("table");
    this.def.sections.forEach(function (section) {
      var tbody = el("tbody", null, [
        el("tr", { className: "pb-print-section" }, [el("th", { colspan: "2", scope: "colgroup", text: section.title })]),
      ]);
      section.items.forEach(function (item) {
        var option = own(answers, item.id) ? self.option[answers[item.id]] : null;
        var cell = el("td", { className: "pb-print-answer", text: option ? option.label : "\u2014" });
        tbody.appendChild(el("tr", null, [el("td", { text: item.question }), cell]));
      });
      table.appendChild(tbody);
    });
    view.appendChild(table);
    view.appendChild(el("p", { className: "pb-hint", text: "Printed " + today() + ". \u2014 means not answered." }));
  };

  /* ------------------------------------------------ compare with your workers */

  // The "Compare with your workers" section for one companion checklist (a worker
  // pulse). Worker files are read on the device, checked with the restore rules, kept in
  // memory only, and shown as text.
  function Pair(checklist, root, companion) {
    this.checklist = checklist;
    this.root = root;
    this.def = companion;
    this.itemIds = new Set(Object.keys(itemTable(companion)));
    this.minimum = checklist.def.limits.min_responses;
    this.reading = 0;
    this.forget();
  }

  Pair.prototype.forget = function () {
    this.files = 0;
    this.accepted = [];
    this.rejected = [];
    this.leftOut = { items: 0, values: 0 };
  };

  Pair.prototype.build = function () {
    var self = this;
    var title = this.def.title;
    var body = this.root.querySelector(".pb-pair-body");
    body.textContent = "";
    var inputId = nextId("pair-files");
    var hintId = nextId("pair-hint");
    this.input = el("input", {
      id: inputId,
      type: "file",
      multiple: true,
      accept: "application/json,.json",
      className: "pb-pair-files",
      "aria-describedby": hintId,
    });
    this.input.addEventListener("change", function () {
      self.readFiles(Array.prototype.slice.call(self.input.files || []));
    });
    this.csvButton = button("Download comparison CSV");
    this.csvButton.addEventListener("click", function () {
      self.saveCsv();
    });
    this.forgetButton = button("Remove the worker files");
    this.forgetButton.addEventListener("click", function () {
      self.reading += 1; // drop files still being read
      self.forget();
      self.input.value = "";
      self.render();
      self.status.textContent = "The worker files were removed from this page.";
      self.input.focus();
    });
    body.appendChild(
      el("div", { className: "pb-pair-controls pb-screen-only" }, [
        el("label", { for: inputId, className: "pb-pair-label", text: "Worker answer files" }),
        el("p", {
          className: "pb-hint",
          id: hintId,
          text:
            "Choose one or more files saved from the " +
            title +
            ". Choosing files again replaces the ones read before.",
        }),
        this.input,
        el("div", { className: "pb-pair-actions", role: "group", "aria-label": "Comparison" }, [
          this.csvButton,
          this.forgetButton,
        ]),
      ])
    );
    this.status = el("p", { className: "pb-message pb-screen-only", role: "status" });
    this.rejectedView = el("div", { className: "pb-pair-rejected pb-screen-only" });
    this.tableView = el("div", { className: "pb-pair-table" });
    this.talkView = el("div", { className: "pb-pair-talk" });
    body.appendChild(this.status);
    body.appendChild(this.rejectedView);
    body.appendChild(this.tableView);
    body.appendChild(this.talkView);
    this.root.hidden = false;
    this.render();
  };

  Pair.prototype.readFiles = function (files) {
    var self = this;
    var def = this.def;
    this.reading += 1;
    var reading = this.reading;
    this.status.textContent = files.length ? "Reading " + plural(files.length, "file", "files") + "\u2026" : "";
    var outcomes = files.map(function (file) {
      if (file.size > def.limits.file_bytes) {
        return Promise.resolve({
          name: file.name,
          error: "This file is too big to be saved answers (the limit is " + Math.round(def.limits.file_bytes / 1024) + " KB).",
        });
      }
      return file.text().then(
        function (text) {
          try {
            return { name: file.name, result: readText(text, def, self.itemIds) };
          } catch (error) {
            if (error instanceof ReadError) return { name: file.name, error: error.message };
            throw error;
          }
        },
        function () {
          return { name: file.name, error: "This file could not be read." };
        }
      );
    });
    Promise.all(outcomes).then(function (results) {
      if (reading !== self.reading) return; // a later choice of files replaced these
      self.forget();
      self.files = results.length;
      results.forEach(function (outcome) {
        if (outcome.error) {
          self.rejected.push({ name: outcome.name, reason: outcome.error });
          return;
        }
        self.accepted.push(outcome.result.sets[0].answers);
        self.leftOut.items += outcome.result.ignoredItems;
        self.leftOut.values += outcome.result.ignoredValues;
      });
      self.render();
      var note = "Read " + plural(self.files, "file", "files") + ": " + self.accepted.length + " used";
      note += self.rejected.length ? ", " + self.rejected.length + " not used (listed below)." : ".";
      var leftOut = self.leftOut.items + self.leftOut.values;
      if (leftOut) {
        note +=
          " " +
          plural(leftOut, "answer in the files was", "answers in the files were") +
          " left out because the survey has no such question or the answer is not one of its choices.";
      }
      self.status.textContent = note;
    });
  };

  Pair.prototype.result = function () {
    return compareWithCompanion(
      this.checklist.def,
      this.checklist.answers(),
      this.accepted,
      this.def.checklist,
      this.minimum
    );
  };

  function signed(value) {
    return (value > 0 ? "+" : "") + number(value);
  }

  Pair.prototype.workersText = function (row) {
    if (row.suppressed) return "fewer than " + this.minimum + " responses";
    return number(row.workers);
  };

  function gapText(row) {
    if (row.gap === null) return row.suppressed ? "not shown" : "\u2014";
    if (row.gap === 0) return "0 (the same)";
    return signed(row.gap) + (row.gap > 0 ? " (workers higher)" : " (workers lower)");
  }

  Pair.prototype.render = function () {
    var self = this;
    this.rejectedView.textContent = "";
    this.tableView.textContent = "";
    this.talkView.textContent = "";
    var shown = this.accepted.length > 0;
    this.root.classList.toggle("pb-pair-shown", shown);
    this.csvButton.hidden = !shown;
    this.forgetButton.hidden = !this.files;
    if (this.rejected.length) {
      this.rejectedView.appendChild(el("h3", { text: "Files not used (" + this.rejected.length + ")" }));
      this.rejectedView.appendChild(
        el(
          "ul",
          null,
          this.rejected.map(function (file) {
            return el("li", null, [el("strong", { text: quoted(file.name) }), ": " + file.reason]);
          })
        )
      );
    }
    if (!shown) {
      this.tableView.appendChild(
        el("p", {
          className: "pb-hint",
          text: this.files ? "None of the files could be used." : "No worker files chosen yet.",
        })
      );
      return;
    }
    var result = this.result();
    var captionId = nextId("pair-caption");
    function cells(row) {
      return [
        el("td", { text: String(row.items) }),
        el("td", { text: row.employer === null ? "not scored yet" : number(row.employer) }),
        el("td", { className: row.suppressed ? "pb-pair-suppressed" : null, text: self.workersText(row) }),
        el("td", { text: String(row.responses) }),
        el("td", { text: gapText(row) }),
      ];
    }
    var tbody = el(
      "tbody",
      null,
      result.sections.map(function (row) {
        return el("tr", null, [el("th", { scope: "row", text: row.title })].concat(cells(row)));
      })
    );
    var table = el("table", { "aria-labelledby": captionId }, [
      el("caption", {
        id: captionId,
        text:
          "Your score and your workers\u2019 average, by section, from 0 to 100 (" +
          plural(this.accepted.length, "worker file", "worker files") +
          ")",
      }),
      el("thead", null, [
        el("tr", null, [
          el("th", { scope: "col", text: "Section" }),
          el("th", { scope: "col", text: "Questions compared" }),
          el("th", { scope: "col", text: "Your score" }),
          el("th", { scope: "col", text: "Workers\u2019 average" }),
          el("th", { scope: "col", text: "Worker responses" }),
          el("th", { scope: "col", text: "Gap (workers minus you)" }),
        ]),
      ]),
      tbody,
      el("tfoot", null, [
        el("tr", null, [el("th", { scope: "row", text: "Overall" })].concat(cells(result.overall))),
      ]),
    ]);
    this.tableView.appendChild(
      el("div", { className: "pb-table-scroll", role: "region", "aria-labelledby": captionId, tabindex: "0" }, [table])
    );
    this.tableView.appendChild(
      el("p", {
        className: "pb-hint",
        text:
          "Worker responses counts the files that answered at least one scored question in the section. " +
          "\u201cNot sure\u201d answers and unanswered questions are not scored, on either side.",
      })
    );
    this.renderTalk(result);
  };

  // Large gaps are where to start: the widest ones, in words.
  Pair.prototype.renderTalk = function (result) {
    var view = this.talkView;
    var titleId = nextId("pair-talk");
    view.appendChild(el("h3", { id: titleId, text: "Where to start a conversation" }));
    view.appendChild(
      el("p", {
        text:
          "Large gaps are where to start a conversation with your staff. Where workers score a section lower " +
          "than you do, ask them what they see that you do not; where they score it higher, find out what is " +
          "working. A gap is a question to ask, not a verdict: a few answers can move a small group\u2019s " +
          "average, and the two checklists word their questions for different readers.",
      })
    );
    var widest = result.sections
      .map(function (row, index) {
        return { row: row, index: index };
      })
      .filter(function (entry) {
        return entry.row.gap !== null && entry.row.gap !== 0;
      })
      .sort(function (a, b) {
        return Math.abs(b.row.gap) - Math.abs(a.row.gap) || a.index - b.index;
      })
      .slice(0, 3);
    if (!widest.length) {
      view.appendChild(
        el("p", {
          className: "pb-hint",
          text: "No gaps to show yet: answer the questions above, and read enough worker files for each section.",
        })
      );
      return;
    }
    view.appendChild(el("p", { className: "pb-plan-label", text: "The widest gaps:" }));
    view.appendChild(
      el(
        "ol",
        { "aria-labelledby": titleId },
        widest.map(function (entry) {
          var row = entry.row;
          return el("li", null, [
            el("strong", { text: row.title }),
            ": your workers\u2019 average is " +
              number(Math.abs(row.gap)) +
              " points " +
              (row.gap < 0 ? "lower" : "higher") +
              " than your own score (" +
              number(row.workers) +
              " against " +
              number(row.employer) +
              ").",
          ]);
        })
      )
    );
  };

  Pair.prototype.saveCsv = function () {
    var self = this;
    if (!this.accepted.length) return;
    var result = this.result();
    var rows = [
      ["Section", "Questions compared", "Your score", "Workers' average", "Worker responses", "Gap (workers minus you)"],
    ];
    result.sections.concat([result.overall]).forEach(function (row, index) {
      rows.push([
        index < result.sections.length ? row.title : "Overall",
        row.items,
        row.employer,
        row.suppressed ? self.workersText(row) : row.workers,
        row.responses,
        row.gap,
      ]);
    });
    var text =
      "\ufeff" +
      rows
        .map(function (row) {
          return row.map(csvCell).join(",");
        })
        .join("\r\n") +
      "\r\n";
    var name = this.checklist.def.checklist + "-compared-with-" + this.def.checklist + "-" + today() + ".csv";
    download(name, "text/csv", text);
    this.status.textContent = "Downloaded the comparison as a CSV file. It holds only what the table shows.";
  };

  /* --------------------------------------------------------------------- init */

  function readDefinition(form) {
    var holder = form.querySelector("template.pb-definition");
    if (!holder) return null;
    var text = holder.content ? holder.content.textContent : holder.textContent;
    try {
      var def = JSON.parse(text);
      return isPlainObject(def) && Array.isArray(def.sections) ? def : null;
    } catch (error) {
      return null;
    }
  }

  function init() {
    var form = document.getElementById("pb-checklist");
    if (!form || form.getAttribute("data-pb-ready")) return;
    var def = readDefinition(form);
    if (!def) return;
    form.setAttribute("data-pb-ready", "1");
    var checklist = new Checklist(form, def);
    checklist.build();
    var notices = checklist.load();
    checklist.rememberBox.checked = checklist.remember;
    checklist.updateRememberHint();
    checklist.fillForm();
    checklist.render(false);
    if (notices.length) checklist.say(notices.join(" "));

    // A read-only hook for tests and for the curious: the page's own scoring.
    var frozen = JSON.stringify(def);
    window.playbookChecklist = Object.freeze({
      definition: function () {
        return JSON.parse(frozen);
      },
      score: function (answers, definition) {
        return score(definition || JSON.parse(frozen), answers || {});
      },
      compare: function (employerAnswers, workerSets, definition, companion) {
        return compareWithCompanion(
          definition || JSON.parse(frozen),
          employerAnswers || {},
          workerSets || [],
          companion
        );
      },
      read: function (text) {
        try {
          var result = readText(String(text), def, checklist.itemIds);
          return {
            ok: true,
            sets: result.sets,
            ignoredItems: result.ignoredItems,
            ignoredValues: result.ignoredValues,
          };
        } catch (error) {
          if (error instanceof ReadError) return { ok: false, message: error.message };
          throw error;
        }
      },
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    // Material's instant navigation swaps pages without a reload; document$ emits for each.
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
