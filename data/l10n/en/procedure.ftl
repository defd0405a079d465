# Procedure phases and outcomes (phase-*), UC decisions (unit_outcome-*) and item results
# (item_outcome-*).

phase-accoglienza = Reception (accoglienza)
phase-identificazione = Identification and transparency
phase-valutazione = Assessment
phase-attestazione = Attestation
phase-certificazione = Certification
phase-closed_after_trasparenza = Closed after the transparency document
phase-withdrawn = Withdrawn
phase-referred = Referred to another service
phase-validated = Validated
phase-certified = Certified
unit_outcome-validated = Validated
unit_outcome-not_validated = Not validated
item_outcome-passed = Shown
item_outcome-failed = Not shown
