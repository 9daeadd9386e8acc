import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { HTMLElement, parse } from 'node-html-parser';

/** A field as a generated page shows it. */
export interface PageField {
  /** What the page prints as the field's declaration, e.g. `phone_number: string`. */
  readonly signature: string;
  /** The description under it, as text; `''` when there is none. */
  readonly description: string;
}

/** One generated page of a type. */
export interface TypePage {
  /** The page's file. */
  readonly path: string;
  /** Each field the page documents, by name. */
  readonly fields: ReadonlyMap<string, PageField>;
  /** The pages the type's declaration links to (the signature and its type declaration list). */
  readonly links: readonly string[];
}

/** Collapses whitespace, so text from HTML and from TSDoc compare equal. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A TSDoc summary as the page renders it: code spans and links as their text. */
export function renderedText(tsdoc: string): string {
  return normalizeText(
    tsdoc
      .replace(
        /\{@link(?:code|plain)?\s+([^}|\s]+)(?:\s*\|\s*|\s+)?([^}]*)\}/g,
        (_, name, label) => (label ? label : name),
      )
      .replaceAll('`', ''),
  );
}

function text(element: HTMLElement | null | undefined): string {
  return normalizeText(element?.textContent ?? '');
}

/** Finds the page TypeDoc wrote for an exported type of a module, whatever its kind. */
export function findTypePage(out: string, module: string, name: string): string | undefined {
  const file = `${module.replaceAll('/', '_')}.${name}.html`;
  return ['interfaces', 'types', 'classes']
    .map((folder) => join(out, folder, file))
    .find((path) => existsSync(path));
}

/**
 * Reads a type's page: the fields its member sections (or the forms of its declaration)
 * document, and the pages its declaration links to.
 */
export function readTypePage(path: string): TypePage {
  const content = parse(readFileSync(path, 'utf8')).querySelector('.col-content');
  if (!content) throw new Error(`${path} has no content column`);
  const fields = new Map<string, PageField>();
  for (const section of content.querySelectorAll('section.tsd-member')) {
    const name = text(section.querySelector('h3 > span'));
    fields.set(name, {
      signature: text(section.querySelector('.tsd-signature')),
      description: text(section.querySelector('.tsd-comment')),
    });
  }
  // A union of object literals (an event's forms) lists each form's fields under the
  // declaration; a field in several forms gets all their descriptions.
  for (const item of content.querySelectorAll(':scope > .tsd-type-declaration li.tsd-parameter')) {
    const name = text(item.querySelector('h5 .tsd-kind-property'));
    const comment = item.childNodes.find(
      (node): node is HTMLElement =>
        node instanceof HTMLElement && node.classList.contains('tsd-comment'),
    );
    const before = fields.get(name);
    fields.set(name, {
      signature: before?.signature ?? text(item.querySelector('h5')),
      description: normalizeText(`${before?.description ?? ''} ${text(comment)}`),
    });
  }
  const links = new Set<string>();
  // The declaration is the signature and type declaration list right under the title; member
  // sections further down have signatures of their own.
  const declaration = content.childNodes.filter(
    (node): node is HTMLElement =>
      node instanceof HTMLElement &&
      (node.classList.contains('tsd-signature') || node.classList.contains('tsd-type-declaration')),
  );
  for (const anchor of declaration.flatMap((element) => element.querySelectorAll('a'))) {
    const href = anchor.getAttribute('href');
    if (!href || href.startsWith('#') || /^[a-z]+:/i.test(href)) continue;
    links.add(resolve(dirname(path), href.split('#')[0] ?? ''));
  }
  return { path, fields, links: [...links] };
}
