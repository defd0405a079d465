# Procedure phases and outcomes (phase-*), UC decisions (unit_outcome-*) and item results
# (item_outcome-*). Written by the Attesta i18n helper; native-speaker review pending.

phase-accoglienza = Accueil
phase-identificazione = Identification et mise en transparence
phase-valutazione = Évaluation
phase-attestazione = Attestation
phase-certificazione = Certification
phase-closed_after_trasparenza = Clos après le document de transparence
phase-withdrawn = Abandon
phase-referred = Orienté vers un autre service
phase-validated = Validé
phase-certified = Certifié
unit_outcome-validated = Validée
unit_outcome-not_validated = Non validée
item_outcome-passed = Démontré
item_outcome-failed = Non démontré
