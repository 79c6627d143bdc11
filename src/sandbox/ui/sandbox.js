// The sandbox page: draws the pretend server from GET /sandbox/api/state (every 2 s) and sends
// commands, autocomplete requests and button presses through the sandbox API, which turns them
// into signed interactions for AniTrack's real POST /interactions. No build step, no library.
'use strict';

const POLL_MS = 2000;
const SUBCOMMAND = 1;
const GROUP = 2;
const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const CHANNEL = 7;
const ROLE = 8;
const NUMBER = 10;

const page = {
  state: null,
  channelId: null,
  entries: [],
  renderedKey: '',
};

const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') element.textContent = value;
    else if (name === 'html') element.innerHTML = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) element.append(child);
  return element;
}

async function api(path, body) {
  const response = await fetch(
    `/sandbox/api/${path}`,
    body === undefined ? { cache: 'no-store' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || `The sandbox answered ${response.status}.`);
  return data;
}

// ---- Who is who ----------------------------------------------------------------------------

const memberName = (id) => page.state?.users.find((user) => user.id === id)?.username;
const channelName = (id) => page.state?.channels.find((channel) => channel.id === id)?.name;
const currentMember = () => $('member').value;

// ---- Text: Discord's markdown subset, mentions and timestamps ------------------------------

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]);
}

function emphasis(html) {
  return html
    .replace(/\*\*(.+?)\*\*/gs, '<strong>$1</strong>')
    .replace(/__(.+?)__/gs, '<u>$1</u>')
    .replace(/~~(.+?)~~/gs, '<s>$1</s>')
    .replace(/(^|[^\w*])\*(?!\s)(.+?)\*(?!\w)/gs, '$1<em>$2</em>')
    .replace(/(^|\W)_(?!\s)(.+?)_(?!\w)/gs, '$1<em>$2</em>');
}

const TIME_FORMATS = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
};

function relativeTime(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const steps = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [30, 'day'],
    [12, 'month'],
    [Infinity, 'year'],
  ];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return date.toLocaleString();
}

function formatTime(date, style) {
  return style === 'R' ? relativeTime(date) : new Intl.DateTimeFormat(undefined, TIME_FORMATS[style] || TIME_FORMATS.f).format(date);
}

function timeHtml(date, style) {
  const full = new Intl.DateTimeFormat(undefined, TIME_FORMATS.F).format(date);
  return `<time datetime="${date.toISOString()}" data-format="${style}" title="${escapeHtml(full)}">${escapeHtml(formatTime(date, style))}</time>`;
}

/** Message text as Discord draws it: escaped, then **bold**, links, <@mentions>, <#channels>, <t:…> times. */
function markdown(raw) {
  const kept = [];
  const keep = (html) => `\u0000${kept.push(html) - 1}\u0000`;
  let html = escapeHtml(String(raw).replace(/\u0000/g, ''));
  html = html.replace(/`([^`]+)`/g, (_, code) => keep(`<code>${code}</code>`));
  html = html.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_, label, url) =>
    keep(`<a href="${url}" target="_blank" rel="noopener noreferrer">${emphasis(label)}</a>`),
  );
  html = html.replace(/&lt;t:(-?\d{1,13})(?::([tTdDfFR]))?&gt;/g, (_, seconds, style) => keep(timeHtml(new Date(Number(seconds) * 1000), style || 'f')));
  html = html.replace(/&lt;@!?(\d{1,20})&gt;/g, (_, id) =>
    keep(`<span class="mention" data-user-id="${id}">@${escapeHtml(memberName(id) || 'unknown-user')}</span>`),
  );
  html = html.replace(/&lt;@&amp;(\d{1,20})&gt;/g, (_, id) => keep(`<span class="mention">@${id === page.state?.guild.id ? 'everyone' : 'role'}</span>`));
  html = html.replace(/&lt;#(\d{1,20})&gt;/g, (_, id) => keep(`<span class="mention">#${escapeHtml(channelName(id) || 'unknown-channel')}</span>`));
  html = html.replace(/(^|\s)(https?:\/\/[^\s<]+)/g, (_, space, url) => space + keep(`<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`));
  html = emphasis(html);
  // Twice: a kept piece (a link's label) may itself hold kept pieces.
  for (let pass = 0; pass < 2; pass++) html = html.replace(/\u0000(\d+)\u0000/g, (_, index) => kept[Number(index)]);
  return html;
}

function refreshRelativeTimes() {
  for (const time of document.querySelectorAll('time[data-format="R"]')) time.textContent = relativeTime(new Date(time.dateTime));
}

// ---- Messages --------------------------------------------------------------------------------

// Only pictures served by this page load: a remote cover would be a call to a third party.
const localImage = (url) => typeof url === 'string' && (url.startsWith('/') || url.startsWith('data:image/'));

function renderEmbed(embed) {
  const box = el('article', { class: 'embed', 'data-testid': 'embed' });
  if (typeof embed.color === 'number') box.style.borderLeftColor = `#${embed.color.toString(16).padStart(6, '0')}`;
  if (embed.author?.name) box.append(el('div', { class: 'embed-author', text: embed.author.name }));
  if (embed.title) {
    const safeUrl = /^https?:\/\//.test(embed.url || '') ? embed.url : null;
    box.append(
      safeUrl
        ? el('a', {
            class: 'embed-title',
            href: safeUrl,
            target: '_blank',
            rel: 'noopener noreferrer',
            html: markdown(embed.title),
            'data-testid': 'embed-title',
          })
        : el('div', { class: 'embed-title', html: markdown(embed.title), 'data-testid': 'embed-title' }),
    );
  }
  if (embed.description) box.append(el('div', { class: 'embed-description', html: markdown(embed.description) }));
  if (embed.fields?.length) {
    box.append(
      el(
        'div',
        { class: 'embed-fields' },
        embed.fields.map((field) =>
          el(
            'div',
            { class: 'embed-field' },
            el('div', { class: 'embed-field-name', html: markdown(field.name) }),
            el('div', { class: 'embed-field-value', html: markdown(field.value) }),
          ),
        ),
      ),
    );
  }
  if (localImage(embed.thumbnail?.url)) box.append(el('img', { class: 'embed-thumbnail', src: embed.thumbnail.url, alt: '' }));
  if (localImage(embed.image?.url)) box.append(el('img', { class: 'embed-image', src: embed.image.url, alt: '' }));
  const footer = [embed.footer?.text && escapeHtml(embed.footer.text), embed.timestamp && timeHtml(new Date(embed.timestamp), 'f')].filter(Boolean);
  if (footer.length) box.append(el('div', { class: 'embed-footer', html: footer.join(' • ') }));
  return box;
}

function renderComponents(message) {
  const rows = (message.components || []).filter((row) => row.type === 1);
  return rows.map((row) =>
    el(
      'div',
      { class: 'components' },
      (row.components || []).map((component) => {
        const label = [component.emoji?.name, component.label].filter(Boolean).join(' ');
        if (component.type !== 2) return el('span', { class: 'hint', text: '(menus are not shown in the sandbox)' });
        if (component.style === 5 && /^https?:\/\//.test(component.url || '')) {
          return el('a', { class: 'style-5', href: component.url, target: '_blank', rel: 'noopener noreferrer', text: `${label} ↗` });
        }
        return el('button', {
          type: 'button',
          class: `style-${component.style}`,
          'data-testid': 'component-button',
          'data-custom-id': component.custom_id,
          disabled: component.disabled === true,
          text: label || 'Button',
          onclick: (event) => pressButton(event.currentTarget, message, component, label),
        });
      }),
    ),
  );
}

function renderMessage(message) {
  const stamp = new Date(message.timestamp);
  const item = el('li', { class: 'message', 'data-testid': 'message', 'data-message-id': message.id });
  if (message.interaction) {
    item.append(el('div', { class: 'reply-context', text: `↳ ${message.interaction.user} ${message.interaction.action}` }));
  }
  item.append(
    el('span', { class: 'avatar', 'aria-hidden': 'true', text: (message.author || '?').slice(0, 1).toUpperCase() }),
    el(
      'div',
      { class: 'message-header' },
      el('span', { class: 'author', text: message.author }),
      el('span', { class: 'app-tag', text: 'APP' }),
      el('span', { class: 'stamp', html: timeHtml(stamp, 't') + (message.edited ? ' (edited)' : '') }),
    ),
  );
  if (message.loading) item.append(el('div', { class: 'content loading', text: `${message.author} is thinking…` }));
  else if (message.content) item.append(el('div', { class: 'content', 'data-testid': 'content', html: markdown(message.content) }));
  for (const embed of message.embeds || []) item.append(renderEmbed(embed));
  if (message.attachments?.length) {
    item.append(
      el(
        'ul',
        { class: 'attachments' },
        message.attachments.map((file) => el('li', { text: `📎 ${file.filename} (${file.size} bytes)` })),
      ),
    );
  }
  item.append(...renderComponents(message));
  if (message.ephemeral) item.append(el('div', { class: 'ephemeral-note', 'data-testid': 'ephemeral', text: '👁 Only you can see this' }));
  return item;
}

function renderChannel() {
  const { state } = page;
  const messages = state.messages.filter((message) => message.channelId === page.channelId);
  // Redraw only on change: keeps the scroll position, a hovered button and the relative times.
  const key = JSON.stringify([page.channelId, messages, state.users]);
  if (key === page.renderedKey) return;
  page.renderedKey = key;
  $('channel-title').textContent = `# ${channelName(page.channelId)}`;
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  list.replaceChildren(
    ...(messages.length
      ? messages.map(renderMessage)
      : [el('li', { class: 'empty', text: 'No messages here yet. Pick this channel with /anime admin setchannel to get notifications.' })]),
  );
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function renderSidebar() {
  const { state } = page;
  $('guild-name').textContent = state.guild.name;
  $('channels').replaceChildren(
    ...state.channels.map((channel) =>
      el(
        'li',
        {},
        el('button', {
          type: 'button',
          'data-testid': `channel-${channel.name}`,
          'aria-current': String(channel.id === page.channelId),
          text: `# ${channel.name}`,
          onclick: () => {
            page.channelId = channel.id;
            renderSidebar();
            renderChannel();
          },
        }),
      ),
    ),
  );
  $('members').replaceChildren(
    ...state.users.map((user) => el('li', {}, el('span', { text: user.username.replace(/ \(.*\)$/, '') }), el('span', { class: 'role-tag', text: user.role }))),
  );
}

async function refresh() {
  try {
    page.state = await api('state');
    $('connection').hidden = true;
  } catch {
    $('connection').textContent = 'Lost contact with the sandbox. Is it still running?';
    $('connection').hidden = false;
    return;
  }
  if (!page.channelId || !channelName(page.channelId)) page.channelId = page.state.channels[0]?.id ?? null;
  if (!$('member').options.length) {
    $('member').replaceChildren(...page.state.users.map((user) => el('option', { value: user.id, text: user.username })));
  }
  renderSidebar();
  renderChannel();
}

// ---- Answers ---------------------------------------------------------------------------------

function showAnswer(heading, content) {
  const dismiss = el('button', { type: 'button', text: 'Dismiss', onclick: () => $('answer').replaceChildren() });
  $('answer').replaceChildren(el('div', { class: 'answer-heading' }, el('span', { 'data-testid': 'answer-heading', text: heading }), dismiss), content);
}

async function showAnswerOf(heading, request) {
  showAnswer(heading, el('p', { class: 'hint', text: 'AniTrack is thinking…', 'data-testid': 'answer-pending' }));
  try {
    const message = await request;
    const shown = el('div', { 'data-testid': 'answer-message' }, renderMessage(message));
    if (!message.ephemeral) shown.append(el('p', { class: 'hint', text: `Posted in #${channelName(message.channelId) || 'the channel'} for everyone.` }));
    showAnswer(heading, shown);
  } catch (error) {
    showAnswer(heading, el('p', { class: 'error', role: 'alert', 'data-testid': 'answer-error', text: error.message }));
  }
  refresh();
}

async function pressButton(button, message, component, label) {
  button.disabled = true;
  const who = memberName(currentMember()) || 'You';
  try {
    await showAnswerOf(
      `${who} pressed “${label}”`,
      api('button', { userId: currentMember(), customId: component.custom_id, messageId: message.id, channelId: message.channelId }),
    );
  } finally {
    button.disabled = false;
  }
}

// ---- The command box -------------------------------------------------------------------------

/** One entry per runnable command: "/anime add", "/anime admin setchannel", "/help"… */
function commandEntries(definitions) {
  const entries = [];
  for (const command of definitions) {
    const options = command.options || [];
    const nested = options.filter((option) => option.type === SUBCOMMAND || option.type === GROUP);
    if (!nested.length) entries.push({ name: command.name, path: '', description: command.description, options });
    for (const option of nested) {
      const subcommands = option.type === GROUP ? option.options || [] : [option];
      for (const subcommand of subcommands) {
        const path = option.type === GROUP ? `${option.name} ${subcommand.name}` : subcommand.name;
        entries.push({ name: command.name, path, description: subcommand.description, options: subcommand.options || [] });
      }
    }
  }
  return entries;
}

const entryLabel = (entry) => `/${[entry.name, entry.path].filter(Boolean).join(' ')}`;
const currentEntry = () => page.entries[Number($('command').value)];

function optionHint(option) {
  const limits = [];
  if (option.min_value !== undefined || option.max_value !== undefined) limits.push(`${option.min_value ?? '…'} to ${option.max_value ?? '…'}`);
  return [option.description, ...limits].join(' · ');
}

function labelFor(option) {
  return el('span', {}, option.name, option.required ? el('span', { class: 'required', title: 'required', text: ' *' }) : null);
}

function optionField(option) {
  const id = `option-${option.name}`;
  const common = { id, name: option.name, 'data-testid': id, required: option.required === true, 'aria-describedby': `${id}-hint` };
  const hint = el('span', { id: `${id}-hint`, class: 'option-hint', text: optionHint(option) });
  let control;
  if (option.choices?.length) {
    control = el(
      'select',
      common,
      option.required ? null : el('option', { value: '', text: '—' }),
      option.choices.map((choice) => el('option', { value: JSON.stringify(choice.value), text: choice.name })),
    );
  } else if (option.type === BOOLEAN && option.required) {
    return el('label', { class: 'field check' }, el('input', { ...common, type: 'checkbox', required: false }), labelFor(option), hint);
  } else if (option.type === BOOLEAN) {
    control = el(
      'select',
      common,
      el('option', { value: '', text: '—' }),
      el('option', { value: 'true', text: 'True' }),
      el('option', { value: 'false', text: 'False' }),
    );
  } else if (option.type === CHANNEL) {
    control = el(
      'select',
      common,
      page.state.channels.map((channel) => el('option', { value: channel.id, text: `# ${channel.name}` })),
    );
  } else if (option.type === ROLE) {
    control = el('select', common, el('option', { value: page.state.guild.id, text: '@everyone' }));
  } else if (option.type === INTEGER || option.type === NUMBER) {
    control = el('input', { ...common, type: 'number', step: option.type === INTEGER ? '1' : 'any', min: option.min_value, max: option.max_value });
  } else {
    control = el('input', { ...common, type: 'text', minlength: option.min_length, maxlength: option.max_length });
    if (option.autocomplete) return autocompleteField(option, control, hint);
  }
  return el('label', { class: 'field' }, labelFor(option), control, hint);
}

function autocompleteField(option, input, hint) {
  const listId = `suggestions-${option.name}`;
  const list = el('ul', {
    id: listId,
    class: 'suggestions',
    role: 'listbox',
    'data-testid': listId,
    'aria-label': `Suggestions for ${option.name}`,
    hidden: true,
  });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listId);
  input.setAttribute('aria-expanded', 'false');
  let sequence = 0;
  let timer;
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (choice) => {
    input.value = choice.name;
    input.dataset.value = JSON.stringify(choice.value);
    close();
  };
  const highlight = (index) => {
    const items = [...list.children];
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach((item, position) => item.setAttribute('aria-selected', String(position === active)));
    input.setAttribute('aria-activedescendant', items[active].id);
    items[active].scrollIntoView({ block: 'nearest' });
  };
  const suggest = async () => {
    const mine = ++sequence;
    try {
      const { choices } = await api('autocomplete', { ...commandRequest(option.name), focused: option.name });
      if (mine !== sequence || document.activeElement !== input) return;
      list.replaceChildren(
        ...choices.map((choice, index) =>
          el('li', {
            id: `${listId}-${index}`,
            role: 'option',
            'aria-selected': 'false',
            'data-testid': 'suggestion',
            text: choice.name,
            // mousedown, not click: the input keeps focus, so the list is still there for the click.
            onmousedown: (event) => event.preventDefault(),
            onclick: () => choose(choice),
          }),
        ),
      );
      list.hidden = choices.length === 0;
      input.setAttribute('aria-expanded', String(!list.hidden));
      active = -1;
    } catch (error) {
      list.replaceChildren(el('li', { role: 'option', 'aria-disabled': 'true', text: error.message }));
      list.hidden = false;
    }
  };
  input.addEventListener('input', () => {
    delete input.dataset.value;
    clearTimeout(timer);
    timer = setTimeout(suggest, 200);
  });
  input.addEventListener('focus', () => suggest());
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      list.children[active].click();
    } else if (event.key === 'Escape') {
      close();
    }
  });
  return el('label', { class: 'field grow autocomplete' }, labelFor(option), input, list, hint);
}

/** The options as filled in: {name: value}, empty ones left out (the focused one is always sent). */
function commandRequest(focused) {
  const entry = currentEntry();
  const options = {};
  for (const option of entry.options) {
    const control = $(`option-${option.name}`);
    if (!control) continue;
    let value;
    if (control.type === 'checkbox') value = control.checked;
    else if (control.dataset.value !== undefined) value = JSON.parse(control.dataset.value);
    else if (control.tagName === 'SELECT' && option.choices?.length) value = control.value === '' ? undefined : JSON.parse(control.value);
    else if (control.type === 'number') value = control.value === '' ? undefined : Number(control.value);
    else value = control.value;
    if (option.name === focused) value = control.value;
    if (value === undefined || value === '') continue;
    options[option.name] = value;
  }
  return { userId: currentMember(), name: entry.name, path: entry.path, options };
}

function renderOptions() {
  const entry = currentEntry();
  $('command-description').textContent = entry ? entry.description : '';
  $('options').replaceChildren(...(entry ? entry.options.map(optionField) : []));
}

async function send(event) {
  event.preventDefault();
  const form = $('command-form');
  if (!form.reportValidity()) return;
  const entry = currentEntry();
  const sendButton = $('send');
  sendButton.disabled = true;
  sendButton.textContent = 'Sending…';
  try {
    await showAnswerOf(`${memberName(currentMember())} used ${entryLabel(entry)}`, api('command', commandRequest()));
  } finally {
    sendButton.disabled = false;
    sendButton.textContent = 'Send';
  }
}

async function start() {
  await refresh();
  try {
    page.entries = commandEntries(await api('commands'));
  } catch (error) {
    showAnswer('The commands could not be loaded', el('p', { class: 'error', role: 'alert', text: error.message }));
    return;
  }
  $('command').replaceChildren(...page.entries.map((entry, index) => el('option', { value: String(index), text: entryLabel(entry) })));
  $('command').addEventListener('change', renderOptions);
  $('command-form').addEventListener('submit', send);
  renderOptions();
  setInterval(refresh, POLL_MS);
  setInterval(refreshRelativeTimes, 1000);
  document.body.dataset.ready = 'true';
}

start();
