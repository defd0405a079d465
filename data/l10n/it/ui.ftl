# The command line's own words.

valid = valido
invalid = non valido
record = (scheda)
severity-error = errore
severity-warning = avviso
severity-info = nota
count-errors = { $count ->
    [one] { $count } errore
   *[other] { $count } errori
}
count-warnings = { $count ->
    [one] { $count } avviso
   *[other] { $count } avvisi
}
count-infos = { $count ->
    [one] { $count } nota
   *[other] { $count } note
}
files-summary = { $total } file: { $valid } validi, { $invalid } non validi, { $failed } non valutati
phase = Fase
messages-in = Messaggi in { $locale }; i codici tra parentesi sono gli stessi in ogni lingua.
