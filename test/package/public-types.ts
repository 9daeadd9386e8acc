import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One field of a public type, with the TSDoc its declaration carries. */
export interface PublicField {
  /** The field's name. */
  readonly name: string;
  /** The TSDoc of each declaration of the field (one per form of a union of forms), as written. */
  readonly descriptions: readonly string[];
}

/** A public type whose page must list its fields. */
export interface PublicType {
  /** The module (entry point) it is exported from, e.g. `sms-webhooks/textlink`. */
  readonly module: string;
  /** Its exported name. */
  readonly name: string;
  /** Where it is declared, relative to the repository root. */
  readonly file: string;
  /** Its fields, as the checker resolves them (inherited and inferred ones included). */
  readonly fields: readonly PublicField[];
}

/** One member of the `SmsEvent` union, told by its discriminants. */
export interface EventVariant {
  /** Its `type`, e.g. `message.received`. */
  readonly type: string;
  /** Its `provider`, e.g. `textlink`. */
  readonly provider: string;
}

/** What the API reference must show, read from the source with the TypeScript checker. */
export interface PublicTypes {
  /** Exported types declared in a provider's `schema.ts`: the wire payloads and their parts. */
  readonly wire: readonly PublicType[];
  /** Exported types declared in `event-types.ts` or a provider's `normalize.ts`. */
  readonly events: readonly PublicType[];
  /** The members of `SmsEvent`, derived from the registry. */
  readonly variants: readonly EventVariant[];
}

const wireFile = /^src\/providers\/[^/]+\/schema\.ts$/;
const eventFile = /^src\/event-types\.ts$|^src\/providers\/[^/]+\/normalize\.ts$/;

/** The TSDoc summary written on one declaration. */
function docOf(node: ts.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join(' ')
    .trim();
}

function literalOf(checker: ts.TypeChecker, type: ts.Type, property: string): string {
  const symbol = checker.getPropertyOfType(type, property);
  const value = symbol && checker.getTypeOfSymbol(symbol);
  if (!value?.isStringLiteral()) {
    throw new Error(`an SmsEvent member's ${property} is not one string literal`);
  }
  return value.value;
}

/**
 * Reads the entry points of `typedoc.json` with the project's tsconfig and returns the public
 * types whose pages the API docs test checks: every exported type of the wire and event layers
 * that has fields, and the variants of `SmsEvent`.
 */
export function readPublicTypes(root: string): PublicTypes {
  const typedoc = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as {
    entryPoints: string[];
  };
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const entries = typedoc.entryPoints.map((entry) => join(root, entry));
  const program = ts.createProgram({ rootNames: entries, options: config.options });
  const checker = program.getTypeChecker();

  const wire: PublicType[] = [];
  const events: PublicType[] = [];
  const seen = new Set<ts.Symbol>();
  let smsEvent: ts.Type | undefined;

  for (const entry of entries) {
    const source = program.getSourceFile(entry);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!source || !moduleSymbol) throw new Error(`cannot read the entry point ${entry}`);
    const module = /@module\s+(\S+)/.exec(source.text)?.[1];
    if (!module) throw new Error(`${entry} has no @module tag`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface))) continue;
      const declaration = symbol.declarations?.[0];
      if (!declaration) continue;
      const file = relative(root, declaration.getSourceFile().fileName).replaceAll('\\', '/');
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      if (symbol.getName() === 'SmsEvent' && file === 'src/events.ts') smsEvent = type;
      const list = wireFile.test(file) ? wire : eventFile.test(file) ? events : undefined;
      if (!list || seen.has(symbol)) continue;
      // A union counts when it is one type in several forms (an event with `rawExact` true or
      // false): every member has the same fields and the same `type`. A union of event types
      // (`message.failed` | `message.status`) is not one type; its members are checked by name.
      const forms = type.isUnion() ? type.types : [type];
      const names = (member: ts.Type): string =>
        checker
          .getPropertiesOfType(member)
          .map((property) => property.getName())
          .sort()
          .join();
      const first = forms[0];
      const isObject = (member: ts.Type): boolean =>
        (member.getFlags() & ts.TypeFlags.Object) !== 0 || member.isIntersection();
      if (!first || !forms.every(isObject)) continue;
      if (forms.some((member) => names(member) !== names(first))) continue;
      const typeOf = (member: ts.Type): string | undefined => {
        const property = checker.getPropertyOfType(member, 'type');
        const value = property && checker.getTypeOfSymbol(property);
        return value?.isStringLiteral() ? value.value : undefined;
      };
      if (forms.some((member) => typeOf(member) !== typeOf(first))) continue;
      const properties = checker.getPropertiesOfType(first);
      if (properties.length === 0) continue;
      seen.add(symbol);
      list.push({
        module,
        name: exported.getName(),
        file,
        fields: properties.map((property) => ({
          name: property.getName(),
          descriptions: [
            ...new Set(
              forms.flatMap((member) =>
                (checker.getPropertyOfType(member, property.getName())?.declarations ?? []).map(
                  docOf,
                ),
              ),
            ),
          ].filter((text) => text !== ''),
        })),
      });
    }
  }
  if (!smsEvent?.isUnion()) throw new Error('SmsEvent is not exported as a union');
  const variants = smsEvent.types.map((member) => ({
    type: literalOf(checker, member, 'type'),
    provider: literalOf(checker, member, 'provider'),
  }));
  return { wire, events, variants };
}
