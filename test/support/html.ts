/**
 * Reading pages as a browser would (htmlparser2): the state of a form — what a person would see ticked,
 * selected and typed — and summary lists as label → value rows.
 */
import type { Element } from 'domhandler';
import { findAll, findOne, getAttributeValue, isTag, textContent } from 'domutils';
import { decodeHTML } from 'entities';
import { parseDocument } from 'htmlparser2';

export type FormState = Record<string, string[]>;

function byId(root: Element[] | ReturnType<typeof parseDocument>['children'], id: string): Element | null {
  return findOne((element) => getAttributeValue(element, 'id') === id, root, true);
}

/** Which form of a page: by its action, and by a hidden field when several forms share one (transitions). */
export interface FormSelector {
  action?: string;
  hidden?: [string, string];
}

function findForm(html: string, selector: FormSelector = {}): Element {
  const document = parseDocument(html);
  const forms = findAll((element) => element.name === 'form', document.children).filter((form) => {
    // A form with files carries its CSRF token in its action's query string: the form is named by the rest.
    if (selector.action !== undefined && getAttributeValue(form, 'action')?.replace(/[?&]_csrf=[^&]*$/, '') !== selector.action) return false;
    if (selector.action === undefined && getAttributeValue(form, 'method') !== 'post') return false;
    const hidden = selector.hidden;
    return (
      !hidden ||
      findAll(
        (input) => input.name === 'input' && getAttributeValue(input, 'name') === hidden[0] && getAttributeValue(input, 'value') === hidden[1],
        form.children,
      ).length > 0
    );
  });
  const form = forms[0];
  if (!form) throw new Error(`no form ${JSON.stringify(selector)} on this page`);
  return form;
}

/** The names of every field a form has, filled in or not. */
export function formFieldNames(html: string, selector?: FormSelector): Set<string> {
  const form = findForm(html, selector);
  return new Set(
    findAll((element) => ['input', 'select', 'textarea'].includes(element.name), form.children).map((element) => getAttributeValue(element, 'name') ?? ''),
  );
}

/**
 * What a form shows: for each field name, the values a submission would send (checked boxes and radios,
 * selected options, input values, textarea text). Hidden inputs, buttons and file inputs are left out.
 */
export function formState(html: string, selector?: FormSelector): FormState {
  const form = findForm(html, selector);
  const state: FormState = {};
  const add = (name: string | undefined, value: string) => {
    if (!name) return;
    (state[name] ??= []).push(value);
  };
  for (const element of findAll((candidate) => ['input', 'select', 'textarea'].includes(candidate.name), form.children)) {
    const name = getAttributeValue(element, 'name');
    // htmlparser2 keeps a textarea's text raw; browsers decode its character references.
    if (element.name === 'textarea') add(name, decodeHTML(textContent(element)).replace(/^\n/, ''));
    else if (element.name === 'select') {
      const selected = findAll((option) => option.name === 'option' && option.attribs.selected !== undefined, element.children);
      for (const option of selected) add(name, getAttributeValue(option, 'value') ?? textContent(option));
    } else {
      const type = getAttributeValue(element, 'type') ?? 'text';
      if (['hidden', 'submit', 'button', 'file'].includes(type)) continue;
      if (type === 'checkbox' || type === 'radio') {
        if (element.attribs.checked !== undefined) add(name, getAttributeValue(element, 'value') ?? 'on');
      } else add(name, getAttributeValue(element, 'value') ?? '');
    }
  }
  return state;
}

export interface SummaryRow {
  /** The heading (h2/h3) before the list, if any. */
  section: string;
  label: string;
  /** The text of the value, or the items when the value is a list. */
  value: string | string[];
}

/** The rows of every summary list inside the element with `id` (a heading: inside its section). */
export function summaryRows(html: string, containerId: string): SummaryRow[] {
  const document = parseDocument(html);
  const found = byId(document.children, containerId);
  if (!found) throw new Error(`no #${containerId} on this page`);
  const container = /^h\d$/.test(found.name) ? (found.parent as Element | null) : found;
  if (!container) throw new Error(`#${containerId} has no container`);
  const rows: SummaryRow[] = [];
  let section = '';
  const walk = (nodes: Element['children']) => {
    for (const node of nodes) {
      if (!isTag(node)) continue;
      const element = node;
      if (element.name === 'h3' || element.name === 'h2') section = textContent(element).trim();
      if (element.name === 'div' && (element.attribs.class ?? '').split(' ').includes('summary-list__row')) {
        const dt = findOne((candidate) => candidate.name === 'dt', element.children, false);
        const dd = findOne((candidate) => candidate.name === 'dd', element.children, false);
        if (!dt || !dd) continue;
        const items = findAll((candidate) => candidate.name === 'li', dd.children);
        rows.push({ section, label: textContent(dt).trim(), value: items.length > 0 ? items.map((item) => textContent(item).trim()) : textContent(dd).trim() });
        continue;
      }
      walk(element.children);
    }
  };
  walk(container.children);
  return rows;
}
