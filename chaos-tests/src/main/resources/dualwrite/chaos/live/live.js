// The live lab's page: asks the server for the options, sends a person's actions to its JSON API,
// and draws what the server sends by server-sent events (docs/live-lab.md). No framework: one
// chart library (uPlot), served by the lab itself, so the page works offline.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  // What a test or a curious person can read from the console.
  const lab = (window.liveLab = { options: null, state: null, samples: [], latencies: [] });
  const ACTIVE = ['starting', 'running', 'checking'];
  let chart = null;
  let serviceNames = '';

  async function call(method, path, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(answer.error || `${response.status} ${response.statusText}`);
    }
    return answer;
  }

  function attempt(promise) {
    $('error').textContent = '';
    return promise.catch((e) => {
      $('error').textContent = e.message;
    });
  }

  function element(tag, attributes = {}, text = '') {
    const made = document.createElement(tag);
    Object.entries(attributes).forEach(([name, value]) => made.setAttribute(name, value));
    if (text) made.textContent = text;
    return made;
  }

  // ---- the options: variants, consumers, links ----

  function showOptions(options) {
    lab.options = options;
    const variant = $('variant');
    const groups = {};
    options.variants.forEach((v) => {
      const strategy = v.name.split('/')[0];
      if (!groups[strategy]) {
        groups[strategy] = element('optgroup', { label: strategy });
        variant.appendChild(groups[strategy]);
      }
      groups[strategy].appendChild(element('option', { value: v.name }, v.name + (v.fix ? '' : ' (foil)')));
    });
    variant.addEventListener('change', describeVariant);
    describeVariant();
    options.consumers.forEach((c) => $('consumer').appendChild(element('option', { value: c.label, title: c.story }, c.label)));
    $('rate').value = options.defaultRate;
    $('rate').max = options.maxRate;
    const rows = $('link-rows');
    options.links.forEach((link) => {
      const row = element('tr', { 'data-link': link });
      row.appendChild(element('td', { class: 'mono' }, link));
      row.appendChild(element('td', { class: 'state' }));
      const buttons = element('td');
      buttons.appendChild(element('button', { 'data-action': 'cut', 'data-link': link, class: 'danger' }, 'cut'));
      buttons.appendChild(document.createTextNode(' '));
      buttons.appendChild(element('button', { 'data-action': 'heal', 'data-link': link }, 'heal'));
      row.appendChild(buttons);
      rows.appendChild(row);
      $('toxic-link').appendChild(element('option', { value: link }, link));
    });
  }

  function describeVariant() {
    const chosen = lab.options.variants.find((v) => v.name === $('variant').value);
    $('variant-description').textContent = chosen ? chosen.description : '';
  }

  // ---- the session's state ----

  function showState(state) {
    lab.state = state;
    const running = state.status === 'running';
    const status = $('status');
    status.textContent = state.status === 'none' ? 'no session' : `${state.status}${state.variant ? ': ' + state.variant : ''}`;
    status.className = 'badge ' + state.status;
    $('run').textContent = state.runId ? 'run ' + state.runId : '';
    $('start').disabled = ACTIVE.includes(state.status);
    ['check', 'stop', 'set-rate', 'add-toxic'].forEach((id) => ($(id).disabled = !running));
    document.querySelectorAll('button[data-action]').forEach((b) => (b.disabled = !running));
    if (running && document.activeElement !== $('rate')) $('rate').value = state.rate;
    if (state.error) $('error').textContent = state.error;
    const actions = $('actions');
    actions.replaceChildren(
      ...state.actions.map((a) =>
        element('li', a.error ? { class: 'failed' } : {}, `${a.t.toFixed(1)} s  ${a.step}${a.error ? ' — failed: ' + a.error : ''}`)
      )
    );
    $('armed').textContent = state.armed.length ? 'armed, not reached yet: ' + state.armed.join(', ') : '';
    document.querySelectorAll('#link-rows tr').forEach((row) => {
      const link = row.dataset.link;
      const on = state.bands.filter((b) => b.to === null && b.label.includes('(' + link));
      const cell = row.querySelector('.state');
      cell.textContent = on.map((b) => b.label.split('(')[0]).join(', ');
      cell.className = 'state' + (on.length ? ' cut' : '');
    });
    showVerdict(state.verdict);
    if (chart) chart.redraw(false);
  }

  // ---- samples: counters, chart, services ----

  const COUNTERS = [
    ['requested', 'requested'],
    ['heldBack', 'held back'],
    ['committed', 'committed'],
    ['refused', 'refused'],
    ['unknown', 'no answer'],
    ['onTopic', 'on the topic'],
    ['checked', 'checked'],
    ['pending', 'to publish'],
  ];

  function showSample(sample) {
    lab.samples.push(sample);
    $('counters').replaceChildren(
      ...COUNTERS.map(([key, label]) => {
        const box = element('div', { class: 'counter' + (key === 'checked' && sample.checked > sample.committed ? ' warn' : ''), id: 'count-' + key });
        box.appendChild(element('div', { class: 'value' }, String(sample[key])));
        box.appendChild(element('div', { class: 'label' }, label));
        return box;
      })
    );
    if (sample.database) $('error').textContent = sample.database;
    showServices(sample.services);
    plot();
    if (sample.newestCommit) lab.latencies.push(Date.now() - sample.newestCommit);
  }

  function showServices(services) {
    const names = services.map((s) => s.name + ':' + s.crashPoints.join(',')).join(' ');
    const rows = $('service-rows');
    if (names !== serviceNames) {
      serviceNames = names;
      rows.replaceChildren(
        ...services.map((s) => {
          const row = element('tr', { 'data-service': s.name });
          row.appendChild(element('td', { class: 'mono' }, s.name));
          row.appendChild(element('td', { class: 'state' }));
          const controls = element('td');
          controls.appendChild(element('button', { 'data-action': 'kill', 'data-service': s.name, class: 'danger' }, 'kill'));
          controls.appendChild(document.createTextNode(' '));
          controls.appendChild(element('button', { 'data-action': 'restart', 'data-service': s.name }, 'restart'));
          if (s.crashPoints.length) {
            const points = element('select', { class: 'crash-point', 'aria-label': 'crash point of ' + s.name });
            s.crashPoints.forEach((p) => points.appendChild(element('option', { value: p }, p)));
            controls.appendChild(element('br'));
            controls.appendChild(points);
            controls.appendChild(document.createTextNode(' '));
            controls.appendChild(element('button', { 'data-action': 'crash', 'data-service': s.name, class: 'danger' }, 'crash there'));
          }
          row.appendChild(controls);
          return row;
        })
      );
      const running = lab.state && lab.state.status === 'running';
      rows.querySelectorAll('button').forEach((b) => (b.disabled = !running));
    }
    services.forEach((s) => {
      const cell = rows.querySelector(`tr[data-service="${CSS.escape(s.name)}"] .state`);
      if (cell) {
        cell.textContent = s.up ? 'up' : 'down';
        cell.className = 'state ' + (s.up ? 'up' : 'down');
      }
    });
  }

  function plot() {
    const s = lab.samples;
    const data = [
      s.map((x) => x.t),
      s.map((x) => x.committed),
      s.map((x) => x.onTopic),
      s.map((x) => x.checked),
      s.map((x) => x.pending),
      s.map((x) => x.refused + x.unknown),
    ];
    if (!chart) {
      chart = new uPlot(
        {
          width: $('chart-box').clientWidth - 30,
          height: 260,
          scales: { x: { time: false } },
          axes: [{ label: 'seconds' }, { label: 'transactions' }],
          series: [
            { label: 't' },
            { label: 'committed', stroke: '#0d3b4f', width: 2 },
            { label: 'on the topic', stroke: '#0b5cad', width: 2, dash: [6, 3] },
            { label: 'checked', stroke: '#2e7d32', width: 2 },
            { label: 'to publish', stroke: '#ef8f00', width: 2 },
            { label: 'refused or no answer', stroke: '#c62828', width: 1.5 },
          ],
          legend: { live: false },
          hooks: { drawClear: [drawBands] },
        },
        data,
        $('chart')
      );
    } else {
      chart.setData(data);
    }
  }

  // Each fault as a band behind the lines, from its action to its heal (or to now).
  function drawBands(u) {
    const state = lab.state;
    if (!state || !state.bands.length || !lab.samples.length) return;
    const ctx = u.ctx;
    const now = lab.samples[lab.samples.length - 1].t;
    ctx.save();
    state.bands.forEach((band, i) => {
      const from = u.valToPos(band.from, 'x', true);
      const to = u.valToPos(band.to === null ? now : band.to, 'x', true);
      ctx.fillStyle = band.to === null ? 'rgba(198, 40, 40, 0.13)' : 'rgba(96, 125, 139, 0.13)';
      ctx.fillRect(from, u.bbox.top, Math.max(2, to - from), u.bbox.height);
      ctx.fillStyle = '#c62828';
      ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
      ctx.fillText(band.label, from + 3, u.bbox.top + (12 + 12 * (i % 4)) * devicePixelRatio);
    });
    ctx.restore();
  }

  function showSeries(samples) {
    lab.samples = [];
    samples.forEach((s) => lab.samples.push(s));
    if (samples.length) showSample(lab.samples.pop());
    else if (chart) chart.setData([[], [], [], [], [], []]);
  }

  // ---- the verdict ----

  function showVerdict(verdict) {
    const box = $('verdict');
    if (!verdict) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    box.className = verdict.word;
    $('verdict-word').textContent = verdict.word;
    $('verdict-word').className = 'badge ' + verdict.word;
    $('verdict-summary').textContent = verdict.summary;
    $('verdict-anomalies').replaceChildren(
      ...verdict.anomalies.map((a) => {
        const line = element('div');
        const button = element('button', { class: 'anomaly-filter', 'data-anomaly': a.label, title: 'show its transactions' }, `${a.label} ${a.transactions.length}`);
        line.appendChild(button);
        line.appendChild(document.createTextNode(' ' + a.meaning + (a.invalidates ? '' : ' (allowed)')));
        return line;
      })
    );
    $('verdict-faults').querySelector('tbody').replaceChildren(
      ...verdict.faults.map((f) => {
        const row = element('tr');
        row.appendChild(element('td', { class: 'mono' }, f.step));
        row.appendChild(element('td', { class: 'state ' + (f.landed ? 'up' : 'down') }, f.landed ? 'landed' : 'missed'));
        row.appendChild(element('td', { class: 'small' }, f.evidence));
        return row;
      })
    );
    $('verdict-folder').textContent = verdict.folder;
    $('verdict-replay').textContent = verdict.replay;
    if ($('verdict-journeys').dataset.folder !== verdict.folder) {
      $('verdict-journeys').innerHTML = verdict.journeys;
      $('verdict-journeys').dataset.folder = verdict.folder;
    }
  }

  function highlight(anomaly, button) {
    const on = !button.classList.contains('on');
    document.querySelectorAll('.anomaly-filter').forEach((b) => b.classList.remove('on'));
    const flows = $('verdict-journeys');
    flows.classList.toggle('dim', on);
    flows.querySelectorAll('svg.flow').forEach((svg) => {
      const marks = (svg.dataset.anomalies || '').split(' ');
      svg.classList.toggle('hl', on && marks.includes(anomaly));
    });
    if (on) button.classList.add('on');
  }

  // ---- the controls ----

  function actionOf(button) {
    const d = button.dataset;
    const action = { action: d.action };
    ['link', 'service', 'server', 'does'].forEach((k) => {
      if (d[k]) action[k] = d[k];
    });
    if (d.action === 'crash') action.point = button.parentElement.querySelector('select.crash-point').value;
    return action;
  }

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    if (button.dataset.action) attempt(call('POST', '/api/session/actions', actionOf(button)));
    if (button.dataset.anomaly) highlight(button.dataset.anomaly, button);
  });
  $('start').addEventListener('click', () => {
    lab.samples = [];
    lab.latencies = [];
    attempt(call('POST', '/api/session', { variant: $('variant').value, consumer: $('consumer').value, rate: Number($('rate').value) }));
  });
  $('set-rate').addEventListener('click', () => attempt(call('POST', '/api/session/rate', { rate: Number($('rate').value) })));
  $('check').addEventListener('click', () => attempt(call('POST', '/api/session/check')));
  $('stop').addEventListener('click', () => attempt(call('DELETE', '/api/session')));
  $('add-toxic').addEventListener('click', () =>
    attempt(call('POST', '/api/session/actions', { action: $('toxic-type').value, link: $('toxic-link').value, millis: Number($('toxic-millis').value) }))
  );

  // ---- the server's events ----

  function listen() {
    const events = new EventSource('/api/events');
    events.onopen = () => {
      $('connection').textContent = 'live';
      $('connection').className = 'conn';
    };
    events.onerror = () => {
      $('connection').textContent = 'reconnecting…';
      $('connection').className = 'conn off';
    };
    events.addEventListener('state', (e) => showState(JSON.parse(e.data)));
    events.addEventListener('series', (e) => showSeries(JSON.parse(e.data)));
    events.addEventListener('sample', (e) => showSample(JSON.parse(e.data)));
    events.addEventListener('journeys', (e) => ($('journeys').innerHTML = JSON.parse(e.data)));
  }

  call('GET', '/api/options')
    .then((options) => {
      showOptions(options);
      listen();
    })
    .catch((e) => ($('error').textContent = 'the lab does not answer: ' + e.message));
})();
