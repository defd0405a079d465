# The command line's own words. Written by the Attesta i18n helper; native-speaker review pending.

valid = valide
invalid = non valide
record = (dossier)
severity-error = erreur
severity-warning = avertissement
severity-info = note
count-errors = { $count ->
    [one] { $count } erreur
   *[other] { $count } erreurs
}
count-warnings = { $count ->
    [one] { $count } avertissement
   *[other] { $count } avertissements
}
count-infos = { $count ->
    [one] { $count } note
   *[other] { $count } notes
}
files-summary = { $total } fichiers : { $valid } valides, { $invalid } non valides, { $failed } non évalués
phase = Phase
messages-in = Messages en { $locale } ; les codes entre crochets sont les mêmes dans toutes les langues.
