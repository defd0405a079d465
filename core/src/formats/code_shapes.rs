//! Shapes of the codes of each reference scheme (Atlante ADA, ESCO URIs, EQF/QNQ levels,
//! ISTAT CP2021, ATECO 2007, repertoire codes).
//!
//! Codes are opaque identifiers (DOMAIN.md §3.2): only their shape is checked here; whether a
//! code exists is a question for the loaded frameworks.

/// `ADA.nn.nn.nn`: an Atlante del Lavoro area di attività, current or old ("ex") numbering.
pub fn is_atlante_ada(code: &str) -> bool {
    let Some(rest) = code.strip_prefix("ADA.") else {
        return false;
    };
    let parts: Vec<&str> = rest.split('.').collect();
    parts.len() == 3
        && parts.iter().zip([2, 3, 3]).all(|(p, max)| {
            !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
        })
}

/// An ESCO concept URI: `http://data.europa.eu/esco/{skill|occupation}/<uuid>` or
/// `http://data.europa.eu/esco/isco/C<digits>`.
pub fn is_esco_uri(uri: &str) -> bool {
    let Some(rest) = uri.strip_prefix("http://data.europa.eu/esco/") else {
        return false;
    };
    match rest.split_once('/') {
        Some(("skill" | "occupation", id)) => is_uuid(id),
        Some(("isco", group)) => group
            .strip_prefix('C')
            .is_some_and(|d| (1..=4).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit())),
        _ => false,
    }
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// An EQF or QNQ level: `"1"` to `"8"`.
pub fn is_level(code: &str) -> bool {
    matches!(code.as_bytes(), [b'1'..=b'8'])
}

/// An ISTAT CP2021 code at any of its five levels (`5`, `5.2`, … `5.2.2.1.0`).
pub fn is_cp2021(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    (1..=5).contains(&parts.len())
        && parts
            .iter()
            .all(|p| p.len() == 1 && p.as_bytes()[0].is_ascii_digit())
}

/// An ISTAT CP2001 code at any of its five levels (`5`, … `5.2.2.3`, `5.2.2.3.27`): one digit
/// per level, except the fifth (the *voci professionali* numbering), which has one or two.
pub fn is_cp2001(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    let digits =
        |p: &str, max: usize| (1..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    (1..=5).contains(&parts.len())
        && parts
            .iter()
            .enumerate()
            .all(|(i, p)| digits(p, if i == 4 { 2 } else { 1 }))
}

/// An ATECO 2007 code: a section letter (`I`) or a numeric code (`56`, `56.1`, `56.10`, `56.10.11`).
pub fn is_ateco(code: &str) -> bool {
    if let [letter] = code.as_bytes() {
        return (b'A'..=b'U').contains(letter);
    }
    let parts: Vec<&str> = code.split('.').collect();
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    (1..=3).contains(&parts.len())
        && parts[0].len() == 2
        && digits(parts[0])
        && parts[1..]
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && digits(p))
}

/// A code of a regional repertoire (figure, UC, profile): 1–32 letters, digits, `-`, `_`, `.`.
pub fn is_repertoire_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 32
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ada_codes() {
        assert!(is_atlante_ada("ADA.11.01.18") && is_atlante_ada("ADA.13.128.383"));
        for bad in [
            "ADA.11.01",
            "ada.11.01.18",
            "ADA.111.01.18",
            "ADA.11.01.1234",
            "ADA.1a.01.18",
            "ADA..01.18",
        ] {
            assert!(!is_atlante_ada(bad), "{bad}");
        }
    }

    #[test]
    fn esco_uris() {
        assert!(is_esco_uri(
            "http://data.europa.eu/esco/occupation/528f90ed-e250-48bd-aacc-ffb7b1de5654"
        ));
        assert!(is_esco_uri("http://data.europa.eu/esco/isco/C5120"));
        assert!(!is_esco_uri(
            "https://data.europa.eu/esco/skill/528f90ed-e250-48bd-aacc-ffb7b1de5654"
        ));
        assert!(!is_esco_uri("http://data.europa.eu/esco/skill/not-a-uuid"));
        assert!(!is_esco_uri("http://data.europa.eu/esco/isco/C12345"));
    }

    #[test]
    fn levels_cp_ateco() {
        assert!(
            is_level("1") && is_level("8") && !is_level("0") && !is_level("9") && !is_level("10")
        );
        assert!(
            is_cp2021("5.2.2.1.0")
                && is_cp2021("5")
                && !is_cp2021("5.22")
                && !is_cp2021("5.2.2.1.0.1")
        );
        assert!(is_cp2001("5.2.2.3.27") && is_cp2001("5.2.2.3.2") && is_cp2001("5"));
        assert!(!is_cp2001("5.2.2.3.270") && !is_cp2001("5.22") && !is_cp2001("5.2.2.3.2.1"));
        assert!(!is_cp2001("") && !is_cp2001("5..2") && !is_cp2001("5.x"));
        assert!(is_ateco("I") && is_ateco("56.10.11") && is_ateco("01.1"));
        assert!(!is_ateco("5") && !is_ateco("56.101") && !is_ateco("Z"));
    }
}
