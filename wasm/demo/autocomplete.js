// An accessible autocomplete (the ARIA 1.2 combobox pattern with a list box): typing searches,
// Arrow keys move through the options, Enter picks, Escape closes; a pointer can click. The
// search runs in the WebAssembly module (in a worker): nothing is fetched while typing.
import { h } from './form.js';

/**
 * Wires `input` (role=combobox) to `listbox`. `search(text)` resolves to the options as
 * `{ label, detail, value }`; `onPick(value)` receives the chosen one; `empty` is the text shown
 * when nothing matches.
 */
export function autocomplete({ input, listbox, search, onPick, empty }) {
  let items = [];
  let active = -1;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (index) => {
    active = index;
    for (const [i, option] of [...listbox.children].entries()) {
      option.setAttribute('aria-selected', String(i === active));
    }
    if (active >= 0) {
      const option = listbox.children[active];
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const pick = (index) => {
    const item = items[index];
    if (!item) return;
    close();
    input.value = '';
    onPick(item.value);
  };

  // Searches answer asynchronously (in a worker): only the answer to the latest text is shown.
  let asked = 0;
  const update = async () => {
    const text = input.value.trim();
    if (text.length < 2) {
      asked += 1;
      items = [];
      close();
      return;
    }
    asked += 1;
    const mine = asked;
    let found;
    try {
      found = await search(text);
    } catch {
      found = [];
    }
    if (mine !== asked || document.activeElement !== input) return;
    items = found;
    listbox.replaceChildren(
      ...(items.length === 0
        ? [h('li', { class: 'empty', role: 'option', 'aria-disabled': 'true', id: `${listbox.id}-none`, text: empty() })]
        : items.map((item, i) =>
            h(
              'li',
              { id: `${listbox.id}-${i}`, role: 'option', 'aria-selected': 'false', dir: 'auto', dataset: { index: String(i) } },
              item.label,
              item.detail ? h('span', { class: 'detail', text: ` ${item.detail}` }) : null,
            ),
          )),
    );
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(items.length > 0 ? 0 : -1);
  };

  input.addEventListener('input', update);
  input.addEventListener('keydown', (event) => {
    if (listbox.hidden) {
      if (event.key === 'ArrowDown') update();
      return;
    }
    if (event.key === 'ArrowDown' && items.length > 0) {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === 'ArrowUp' && items.length > 0) {
      event.preventDefault();
      highlight((active - 1 + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  // mousedown, not click: it comes before the input's blur closes the list.
  listbox.addEventListener('mousedown', (event) => {
    const option = event.target.closest('[data-index]');
    if (option) {
      event.preventDefault();
      pick(Number(option.dataset.index));
    }
  });
  input.addEventListener('blur', close);
}
