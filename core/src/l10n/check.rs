//! The completeness checks of the catalogues, shared by this crate's tests and anyone shipping
//! edited catalogues: syntax, missing keys, orphan keys and placeholders.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::catalogue::{key_of_id, source};
use super::{Group, LOCALES};
use crate::codes::Code;

/// Every problem of the compiled-in catalogues, one sentence each; empty when they are sound.
///
/// A problem is: a `.ftl` file that does not parse; a key defined twice; Italian or English
/// lacking a key of a group (for findings: a finding code); any locale lacking a key of a
/// person-facing group ([`Group::person_facing`]); a key that English does not have (an orphan);
/// a message whose variables differ from the English one's; an empty message.
pub fn check_catalogues() -> Vec<String> {
    check_sources(&|locale, group| source(locale, group).map(str::to_owned))
}

/// [`check_catalogues`] on other texts: `source(locale, group)` gives the `.ftl` text of each
/// file, `None` for a file that does not exist (for checking edited catalogues before use).
pub fn check_sources(source: &dyn Fn(&str, Group) -> Option<String>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut parsed: BTreeMap<(&str, Group), Messages> = BTreeMap::new();
    for locale in LOCALES {
        for group in Group::ALL {
            if let Some(text) = source(locale, *group) {
                let found = messages(locale, *group, &text, &mut problems);
                parsed.insert((*locale, *group), found);
            }
        }
    }
    for group in Group::ALL {
        let empty = Messages::new();
        let english = parsed.get(&("en", *group)).unwrap_or(&empty);
        if *group == Group::Findings {
            for code in Code::ALL {
                if !english.contains_key(code.as_str()) {
                    problems.push(format!("en/findings.ftl: no message for {code}"));
                }
            }
        }
        for locale in LOCALES {
            let file = format!("{locale}/{}.ftl", group.as_str());
            let Some(catalogue) = parsed.get(&(*locale, *group)) else {
                if group.person_facing() || matches!(*locale, "it" | "en") {
                    problems.push(format!("{file}: missing"));
                }
                continue;
            };
            let complete = group.person_facing() || matches!(*locale, "it" | "en");
            for (key, variables) in english {
                match catalogue.get(key) {
                    None if complete => problems.push(format!("{file}: no message for {key}")),
                    Some(theirs) if theirs != variables => problems.push(format!(
                        "{file}: {key} uses variables {theirs:?}, English uses {variables:?}"
                    )),
                    _ => {}
                }
            }
            for key in catalogue.keys().filter(|k| !english.contains_key(*k)) {
                problems.push(format!("{file}: orphan key {key} (English has none)"));
            }
        }
    }
    problems
}

/// Key → the variables its message uses.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn messages(locale: &str, group: Group, text: &str, problems: &mut Vec<String>) -> Messages {
    let file = format!("{locale}/{}.ftl", group.as_str());
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                problems.push(format!(
                    "{file}: syntax error {:?} at {:?}",
                    error.kind, error.pos
                ));
            }
            resource
        }
    };
    let mut out = Messages::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(message) => {
                let key = key_of_id(message.id.name);
                let mut variables = BTreeSet::new();
                match &message.value {
                    Some(pattern) if !is_blank(pattern) => {
                        pattern_variables(pattern, &mut variables);
                    }
                    _ => problems.push(format!("{file}: {key} has no text")),
                }
                if out.insert(key.clone(), variables).is_some() {
                    problems.push(format!("{file}: {key} is defined twice"));
                }
            }
            Entry::Junk { .. } => problems.push(format!("{file}: unparsable entry")),
            _ => {}
        }
    }
    out
}

fn is_blank(pattern: &Pattern<&str>) -> bool {
    pattern.elements.iter().all(|element| match element {
        PatternElement::TextElement { value } => value.trim().is_empty(),
        PatternElement::Placeable { .. } => false,
    })
}

fn pattern_variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for named in &arguments.named {
                inline_variables(&named.value, out);
            }
        }
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped files with one file replaced.
    fn with(locale: &'static str, group: Group, text: &'static str) -> Vec<String> {
        check_sources(&move |l, g| {
            if l == locale && g == group {
                Some(text.to_owned())
            } else {
                source(l, g).map(str::to_owned)
            }
        })
    }

    fn labels_with(locale: &'static str, extra: &str) -> String {
        format!(
            "{}{extra}",
            source(locale, Group::Labels).unwrap_or_default()
        )
    }

    #[test]
    fn shipped_catalogues_are_sound() {
        let problems = check_catalogues();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn a_syntax_error_is_reported() {
        let text: &'static str = labels_with("fr", "broken = { $x\n").leak();
        let problems = with("fr", Group::Labels, text);
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("fr/labels.ftl: syntax error")),
            "{problems:?}"
        );
    }

    #[test]
    fn an_orphan_key_is_reported() {
        let text: &'static str = labels_with("ar", "no-such-label = x\n").leak();
        let problems = with("ar", Group::Labels, text);
        assert_eq!(
            problems,
            ["ar/labels.ftl: orphan key no.such.label (English has none)"]
        );
    }

    #[test]
    fn italian_lacking_a_key_is_reported_and_a_partial_french_ui_is_not() {
        let problems = with("it", Group::Ui, "valid = valido\n");
        assert!(
            problems.contains(&"it/ui.ftl: no message for invalid".to_owned()),
            "{problems:?}"
        );
        assert!(with("fr", Group::Ui, "valid = valide\n").is_empty());
        let problems = with("ti", Group::Labels, "address = ኣድራሻ\n");
        assert!(problems.contains(&"ti/labels.ftl: no message for eqf_level".to_owned()));
    }

    #[test]
    fn a_different_placeholder_is_reported() {
        let problems = with(
            "fr",
            Group::Findings,
            "experience-end_before_start = Fin { $fin }.\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("experience.end_before_start uses variables {\"fin\"}"));
    }
}
