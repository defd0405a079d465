//! [`EscoBuilder`]: assembles an [`EscoTaxonomy`] concept by concept.
//!
//! Text goes into one growing `String` (the taxonomy's buffer, moved, not copied, by
//! [`EscoBuilder::finish`]). Concepts are found by URI through an index that keeps no copy of
//! the URIs (`esco_uri_index`). `finish` sorts the concepts by URI, re-points the relations and sorts
//! them: indexes given to and returned by the `add_*` methods are insertion indexes.

use super::esco::{
    relation_order, BroaderRelation, ConceptRef, EscoOccupation, EscoSkill, EscoSkillGroup,
    IscoGroup, OccupationSkill, ReuseLevel, SkillSkillRelation, SkillType,
};
use super::esco_columns::{encode_all, Columns};
pub(crate) use super::esco_store::LabelTexts;
use super::esco_store::{
    order, u32_of, GroupRow, IscoRow, LabelSpans, OccupationRow, SkillRow, Store, Table,
};
use super::esco_taxonomy::{EscoTaxonomy, Span};
use super::esco_uri_index::{UriIndex, Vacancy};
use crate::error::{Error, Result};

/// A new concept's URI, registered by [`EscoBuilder::claim`]: its text and its place in the
/// index, valid until the next concept is added (so each claim goes to the `push_*` call right
/// after it).
pub(crate) struct Claim {
    uri: Span,
    vacancy: Vacancy,
}

/// Builds an [`EscoTaxonomy`]. See the module documentation.
pub struct EscoBuilder {
    version: String,
    languages: Vec<String>,
    store: Store,
    /// URI → concept (see `esco_uri_index`).
    index: UriIndex,
    broader: Vec<BroaderRelation>,
    occupation_skills: Vec<OccupationSkill>,
    skill_skills: Vec<SkillSkillRelation>,
}

impl EscoBuilder {
    /// A builder for ESCO `version` (e.g. `v1.1.1`) with labels in `languages` (ISO 639-1;
    /// the first is the one concepts are defined in).
    ///
    /// # Errors
    /// [`Error::InvalidOptions`] when `languages` is empty.
    pub fn new(version: impl Into<String>, languages: Vec<String>) -> Result<Self> {
        if languages.is_empty() {
            return Err(Error::InvalidOptions(
                "an ESCO taxonomy needs at least one language".into(),
            ));
        }
        Ok(EscoBuilder {
            version: version.into(),
            store: Store {
                text: String::new(),
                languages: languages.len(),
                skills: Table::default(),
                occupations: Table::default(),
                isco_groups: Table::default(),
                skill_groups: Table::default(),
            },
            languages,
            index: UriIndex::default(),
            broader: Vec::new(),
            occupation_skills: Vec::new(),
            skill_skills: Vec::new(),
        })
    }

    #[cfg(feature = "import")]
    /// Reserves room for about `bytes` of text (importers know their file sizes).
    pub(crate) fn reserve_text(&mut self, bytes: usize) {
        self.store.text.reserve(bytes);
    }

    /// The concept with this URI, if added.
    pub fn find(&self, uri: &str) -> Option<ConceptRef> {
        self.index.find(uri, |c| self.store.uri(c))
    }

    /// The concept of an already split URI (`prefix` + UUID `key`, see `esco_uri_index`).
    #[cfg(feature = "import")]
    pub(crate) fn find_split(&self, prefix: &str, key: super::UuidKey) -> Option<ConceptRef> {
        if self.index.has_uuid_prefix(prefix) {
            self.index.find_uuid(prefix, key)
        } else {
            self.find(&super::join_uuid(prefix, key))
        }
    }

    /// The concepts whose URIs are `prefix` + a UUID, when indexed in that form (see
    /// `esco_uri_index`); otherwise split URIs with this prefix are found by
    /// [`EscoBuilder::find_split`].
    #[cfg(feature = "import")]
    pub(crate) fn uuids_under(
        &self,
        prefix: &str,
    ) -> Option<super::esco_uri_index::UuidLookup<'_>> {
        self.index.uuids_under(prefix)
    }

    /// Registers a new concept's URI, for the `push_*` call that follows: its text and where
    /// the index takes it; `None` (nothing added) when the URI is taken.
    ///
    /// Why apart from `push_*`: the importers check that a URI is new before they read the
    /// rest of its row, and a check by `find` then a claim split and looked the URI up twice.
    pub(crate) fn claim(&mut self, uri: &str) -> Result<Option<Claim>> {
        let store = &self.store;
        let Some(vacancy) = self.index.vacancy(uri, |c| store.uri(c)) else {
            return Ok(None);
        };
        let span = self.store.push(uri)?;
        Ok(Some(Claim { uri: span, vacancy }))
    }

    /// `push` at the claimed `uri`; `None` when the URI is taken.
    fn claimed(
        &mut self,
        uri: &str,
        push: impl FnOnce(&mut Self, Claim) -> Result<u32>,
    ) -> Result<Option<u32>> {
        match self.claim(uri)? {
            Some(claim) => push(self, claim).map(Some),
            None => Ok(None),
        }
    }

    /// Indexes a concept whose row was just pushed, where [`EscoBuilder::claim`] found room.
    fn index_last(&mut self, concept: ConceptRef, vacancy: Vacancy) {
        let store = &self.store;
        self.index
            .fill(vacancy, store.uri(concept), concept, |c| store.uri(c));
    }

    /// Label slots for a new concept: `first` in the first language, empty ones after.
    fn labels_for<R>(
        store: &mut Store,
        table: fn(&mut Store) -> &mut Table<R>,
        first: LabelTexts<'_>,
    ) -> Result<()> {
        let first = store.push_labels(first)?;
        let n = store.languages;
        let labels = &mut table(store).labels;
        labels.push(first);
        labels.extend(std::iter::repeat_n(LabelSpans::default(), n - 1));
        Ok(())
    }

    /// Adds a skill with its labels in the first language, at its `claim`ed URI.
    pub(crate) fn push_skill(
        &mut self,
        Claim { uri, vacancy }: Claim,
        skill_type: Option<SkillType>,
        reuse_level: Option<ReuseLevel>,
        labels: LabelTexts<'_>,
    ) -> Result<u32> {
        let i = u32_of(self.store.skills.rows().len(), "skills")?;
        let row = SkillRow {
            uri,
            skill_type,
            reuse_level,
        };
        self.store.skills.push(&self.store.text, row);
        Self::labels_for(&mut self.store, |s| &mut s.skills, labels)?;
        self.index_last(ConceptRef::Skill(i), vacancy);
        Ok(i)
    }

    /// Adds an occupation with its labels in the first language, at its `claim`ed URI.
    pub(crate) fn push_occupation(
        &mut self,
        Claim { uri, vacancy }: Claim,
        [code, isco_group, regulated_note]: [&str; 3],
        labels: LabelTexts<'_>,
    ) -> Result<u32> {
        let i = u32_of(self.store.occupations.rows().len(), "occupations")?;
        let code = self.store.push(code)?;
        let isco_group = self.store.push(isco_group)?;
        let regulated_note = self.store.push(regulated_note)?;
        let row = OccupationRow {
            uri,
            code,
            isco_group,
            regulated_note,
        };
        self.store.occupations.push(&self.store.text, row);
        Self::labels_for(&mut self.store, |s| &mut s.occupations, labels)?;
        self.index_last(ConceptRef::Occupation(i), vacancy);
        Ok(i)
    }

    /// Adds an ISCO-08 group with its labels in the first language, at its `claim`ed URI.
    pub(crate) fn push_isco_group(
        &mut self,
        Claim { uri, vacancy }: Claim,
        code: &str,
        labels: LabelTexts<'_>,
    ) -> Result<u32> {
        let i = u32_of(self.store.isco_groups.rows().len(), "ISCO groups")?;
        let code = self.store.push(code)?;
        let row = IscoRow { uri, code };
        self.store.isco_groups.push(&self.store.text, row);
        Self::labels_for(&mut self.store, |s| &mut s.isco_groups, labels)?;
        self.index_last(ConceptRef::IscoGroup(i), vacancy);
        Ok(i)
    }

    /// Adds a skill group with its labels in the first language, at its `claim`ed URI.
    pub(crate) fn push_skill_group(
        &mut self,
        Claim { uri, vacancy }: Claim,
        code: &str,
        level: Option<u8>,
        labels: LabelTexts<'_>,
    ) -> Result<u32> {
        let i = u32_of(self.store.skill_groups.rows().len(), "skill groups")?;
        let code = self.store.push(code)?;
        let row = GroupRow { uri, code, level };
        self.store.skill_groups.push(&self.store.text, row);
        Self::labels_for(&mut self.store, |s| &mut s.skill_groups, labels)?;
        self.index_last(ConceptRef::SkillGroup(i), vacancy);
        Ok(i)
    }

    #[cfg(feature = "import")]
    /// The level of skill group `i`.
    pub(crate) fn skill_group_level(&self, i: u32) -> Option<u8> {
        self.store.skill_groups.rows().get(i as usize)?.level
    }

    #[cfg(feature = "import")]
    /// Sets the level of skill group `i`.
    pub(crate) fn set_skill_group_level(&mut self, i: u32, level: u8) {
        self.store.skill_groups.set_level(i, level);
    }

    /// Sets the labels of `concept` in language `lang` (an index into the languages).
    ///
    /// # Errors
    /// [`Error::InvalidFramework`] when the concept or language does not exist, or the text
    /// outgrows 4 GiB.
    pub(crate) fn set_labels(
        &mut self,
        concept: ConceptRef,
        lang: usize,
        labels: LabelTexts<'_>,
    ) -> Result<()> {
        let spans = self.store.push_labels(labels)?;
        let slot = self.store.label_slot(concept, lang).ok_or_else(|| {
            Error::InvalidFramework(format!("no ESCO concept {concept:?} in language {lang}"))
        })?;
        *slot = spans;
        Ok(())
    }

    /// Checks an owned concept's label count and adds the languages after the first.
    fn add_labels(
        &mut self,
        concept: Option<u32>,
        make: fn(u32) -> ConceptRef,
        uri: &str,
        labels: &[super::EscoLabels],
    ) -> Result<u32> {
        let Some(i) = concept else {
            return Err(Error::InvalidFramework(format!(
                "duplicate ESCO concept URI '{uri}'"
            )));
        };
        for (lang, l) in labels.iter().enumerate().skip(1) {
            self.set_labels(make(i), lang, [&l.preferred, &l.alt, &l.description])?;
        }
        Ok(i)
    }

    fn check_label_count(&self, uri: &str, labels: &[super::EscoLabels]) -> Result<()> {
        if labels.len() == self.languages.len() {
            Ok(())
        } else {
            Err(Error::InvalidFramework(format!(
                "ESCO concept '{uri}' has {} label sets for {} languages",
                labels.len(),
                self.languages.len()
            )))
        }
    }

    /// Adds a skill; returns its insertion index (what relations added here refer to).
    ///
    /// # Errors
    /// [`Error::InvalidFramework`] for a URI already added or a label set per language missing.
    pub fn add_skill(&mut self, skill: &EscoSkill) -> Result<u32> {
        self.check_label_count(&skill.uri, &skill.labels)?;
        let l = &skill.labels[0];
        let i = self.claimed(&skill.uri, |b, claim| {
            let labels = [&*l.preferred, &l.alt, &l.description];
            b.push_skill(claim, skill.skill_type, skill.reuse_level, labels)
        })?;
        self.add_labels(i, ConceptRef::Skill, &skill.uri, &skill.labels)
    }

    /// Adds an occupation; returns its insertion index.
    ///
    /// # Errors
    /// As [`EscoBuilder::add_skill`].
    pub fn add_occupation(&mut self, o: &EscoOccupation) -> Result<u32> {
        self.check_label_count(&o.uri, &o.labels)?;
        let l = &o.labels[0];
        let i = self.claimed(&o.uri, |b, claim| {
            let fields = [&*o.code, &o.isco_group, &o.regulated_profession_note];
            b.push_occupation(claim, fields, [&l.preferred, &l.alt, &l.description])
        })?;
        self.add_labels(i, ConceptRef::Occupation, &o.uri, &o.labels)
    }

    /// Adds an ISCO-08 group; returns its insertion index.
    ///
    /// # Errors
    /// As [`EscoBuilder::add_skill`].
    pub fn add_isco_group(&mut self, g: &IscoGroup) -> Result<u32> {
        self.check_label_count(&g.uri, &g.labels)?;
        let l = &g.labels[0];
        let i = self.claimed(&g.uri, |b, claim| {
            b.push_isco_group(claim, &g.code, [&l.preferred, &l.alt, &l.description])
        })?;
        self.add_labels(i, ConceptRef::IscoGroup, &g.uri, &g.labels)
    }

    /// Adds a skill group; returns its insertion index.
    ///
    /// # Errors
    /// As [`EscoBuilder::add_skill`].
    pub fn add_skill_group(&mut self, g: &EscoSkillGroup) -> Result<u32> {
        self.check_label_count(&g.uri, &g.labels)?;
        let l = &g.labels[0];
        let i = self.claimed(&g.uri, |b, claim| {
            let labels = [&*l.preferred, &l.alt, &l.description];
            b.push_skill_group(claim, &g.code, g.level, labels)
        })?;
        self.add_labels(i, ConceptRef::SkillGroup, &g.uri, &g.labels)
    }

    /// Adds a broader relation between concepts added before.
    pub fn add_broader(&mut self, relation: BroaderRelation) {
        self.broader.push(relation);
    }

    /// Adds an occupation → skill relation (insertion indexes).
    pub fn add_occupation_skill(&mut self, relation: OccupationSkill) {
        self.occupation_skills.push(relation);
    }

    /// Adds a skill → skill relation (insertion indexes).
    pub fn add_skill_skill(&mut self, relation: SkillSkillRelation) {
        self.skill_skills.push(relation);
    }

    #[cfg(feature = "import")]
    /// Adds relations in bulk (the importer collects them while the index is borrowed).
    pub(crate) fn add_relations(
        &mut self,
        broader: Vec<BroaderRelation>,
        occupation_skills: Vec<OccupationSkill>,
        skill_skills: Vec<SkillSkillRelation>,
    ) {
        // Moved when empty (the importer's case): no second copy of ~124,000 relations.
        append(&mut self.broader, broader);
        append(&mut self.occupation_skills, occupation_skills);
        append(&mut self.skill_skills, skill_skills);
    }

    /// Sorts every table by URI and re-points the relations and the index, so that indexes
    /// are final from here on (the importer resolves relations after this, once).
    pub(crate) fn sort_concepts(&mut self) {
        let store = &mut self.store;
        let (text, n) = (&store.text, store.languages);
        let skills = order(text, &mut store.skills, n);
        let occupations = order(text, &mut store.occupations, n);
        let isco = order(text, &mut store.isco_groups, n);
        let groups = order(text, &mut store.skill_groups, n);
        // The ESCO files come sorted by URI: then nothing moved and nothing is re-pointed
        // (and a second call, with every table in order, finds nothing to do).
        if skills.is_some() || occupations.is_some() || isco.is_some() || groups.is_some() {
            self.repoint(&[skills, occupations, isco, groups]);
        }
    }

    /// Re-points the index and the relations after [`order`] moved concepts: new index by old
    /// index for the skills, occupations, ISCO groups and skill groups (`None`: not moved).
    fn repoint(&mut self, [skills, occupations, isco, groups]: &[Option<Vec<u32>>; 4]) {
        let map = |table: &Option<Vec<u32>>, i: u32| match table {
            Some(table) => table.get(i as usize).copied().unwrap_or(u32::MAX),
            None => i,
        };
        let remap = |c: ConceptRef| match c {
            ConceptRef::Skill(i) => ConceptRef::Skill(map(skills, i)),
            ConceptRef::SkillGroup(i) => ConceptRef::SkillGroup(map(groups, i)),
            ConceptRef::Occupation(i) => ConceptRef::Occupation(map(occupations, i)),
            ConceptRef::IscoGroup(i) => ConceptRef::IscoGroup(map(isco, i)),
        };
        self.index.remap(remap);
        for r in &mut self.broader {
            r.narrower = remap(r.narrower);
            r.broader = remap(r.broader);
        }
        for r in &mut self.occupation_skills {
            r.occupation = map(occupations, r.occupation);
            r.skill = map(skills, r.skill);
        }
        for r in &mut self.skill_skills {
            r.from = map(skills, r.from);
            r.to = map(skills, r.to);
        }
    }

    /// The taxonomy: concepts sorted by URI, relations re-pointed and sorted.
    ///
    /// # Errors
    /// [`Error::InvalidFramework`] when a relation points to a concept that was not added.
    pub fn finish(mut self) -> Result<EscoTaxonomy> {
        self.sort_concepts();
        let s = &self.store;
        let (n_skills, n_occ) = (s.skills.rows().len(), s.occupations.rows().len());
        let inside = |c: ConceptRef| match c {
            ConceptRef::Skill(i) => (i as usize) < n_skills,
            ConceptRef::Occupation(i) => (i as usize) < n_occ,
            ConceptRef::IscoGroup(i) => (i as usize) < s.isco_groups.rows().len(),
            ConceptRef::SkillGroup(i) => (i as usize) < s.skill_groups.rows().len(),
        };
        let bad = self
            .broader
            .iter()
            .any(|r| !inside(r.narrower) || !inside(r.broader))
            || self
                .occupation_skills
                .iter()
                .any(|r| r.occupation as usize >= n_occ || r.skill as usize >= n_skills)
            || self
                .skill_skills
                .iter()
                .any(|r| r.from as usize >= n_skills || r.to as usize >= n_skills);
        if bad {
            return Err(Error::InvalidFramework(
                "an ESCO relation points to a concept that was not added".into(),
            ));
        }
        // A stable sort merges runs: the importer hands over runs already sorted.
        self.broader.sort();
        sort_grouped(&mut self.occupation_skills, |r| {
            relation_order(r.occupation, r.relevance, r.skill)
        });
        sort_grouped(&mut self.skill_skills, |r| {
            relation_order(r.from, r.relevance, r.to)
        });
        // The tables become the columns a bundle stores (`esco_columns`): the taxonomy reads
        // a built and a loaded release the same way.
        let ([fields, skills, groups], counts) = self.store.concept_columns();
        let columns = Columns::new(
            self.languages.len(),
            counts,
            [
                fields.into(),
                skills.into(),
                groups.into(),
                encode_all(&self.broader),
                encode_all(&self.occupation_skills),
                encode_all(&self.skill_skills),
            ],
        );
        Ok(EscoTaxonomy {
            version: self.version,
            languages: self.languages,
            text: self.store.text.into(),
            columns,
        })
    }
}

/// Appends `from` to `to`, in the buffer of the longer of the two: only the shorter is copied,
/// and an empty `to` takes `from` as it is. Full ESCO's occupation → skill relations come in
/// pieces of ~34,000 and ~90,000, and copying the second into the first touched ~1 MB of
/// memory the process had not touched yet (about a millisecond, in a new process).
#[cfg(feature = "import")]
pub(crate) fn append<T>(to: &mut Vec<T>, mut from: Vec<T>) {
    if to.len() < from.len() {
        from.splice(0..0, std::mem::take(to));
        *to = from;
    } else {
        to.extend(from);
    }
}

/// Sorts `items` by `key` (a [`relation_order`]), cheaply when they come grouped by the key's
/// high half (concept and relevance): ESCO's occupation → skill file lists each occupation's
/// relations together, essential before optional, in the order of the URIs, so only the skills
/// inside each group are out of order. Sorting ~120,000 relations as one slice was a fifth of
/// the import's instructions; sorting each group of ~20 costs a quarter of that. Relations that
/// do not come grouped are sorted as one slice.
pub(crate) fn sort_grouped<T>(items: &mut [T], key: impl Fn(&T) -> u64) {
    // The importer hands over relations already sorted (one check, no sort), or unsorted
    // from the first group on (the check stops there).
    if items.is_sorted_by_key(&key) {
        return;
    }
    let group = |t: &T| key(t) >> 32;
    if items.windows(2).all(|w| group(&w[0]) <= group(&w[1])) {
        for run in items.chunk_by_mut(|a, b| group(a) == group(b)) {
            // Stable: a group of the file is two sorted runs (knowledge, then skills), which
            // it merges. Equal keys are equal relations, so the order is the unstable one.
            run.sort_by_key(&key);
        }
    } else {
        items.sort_unstable_by_key(key);
    }
}

#[cfg(test)]
#[path = "esco_builder_tests.rs"]
mod tests;
