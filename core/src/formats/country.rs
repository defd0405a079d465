//! ISO 3166-1 alpha-2 country codes.
//!
//! The 249 officially assigned codes (ISO 3166 Maintenance Agency), plus `XK` (Kosovo), a
//! user-assigned code that the European Commission and Europass use and that job centres meet
//! on documents of people who come from there.

/// All accepted codes, sorted, two bytes each.
const CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU \
ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ \
LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA \
RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU \
WF WS XK YE YT ZA ZM ZW";

/// Whether `code` is an accepted ISO 3166-1 alpha-2 code (upper case).
pub fn is_country_code(code: &str) -> bool {
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    // CODES is sorted with a code every 3 bytes: binary search without building a table.
    let count = CODES.len().div_ceil(3);
    let (mut low, mut high) = (0, count);
    while low < high {
        let mid = low.midpoint(high);
        match CODES[mid * 3..mid * 3 + 2].cmp(code) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_unique_and_complete() {
        let codes: Vec<&str> = CODES.split(' ').collect();
        assert_eq!(codes.len(), 250, "249 assigned codes + XK");
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
    }

    #[test]
    fn every_listed_code_is_found() {
        assert!(CODES.split(' ').all(is_country_code));
        assert_eq!(
            CODES.len() % 3,
            2,
            "two letters and a space per code, no trailing space"
        );
    }

    #[test]
    fn accepts_assigned_and_rejects_others() {
        for ok in ["IT", "MA", "NG", "SN", "AF", "UA", "XK", "SS", "ER"] {
            assert!(is_country_code(ok), "{ok}");
        }
        for bad in ["it", "UK", "EU", "ITA", "", "ZZ", "AN"] {
            assert!(!is_country_code(bad), "{bad}");
        }
    }
}
