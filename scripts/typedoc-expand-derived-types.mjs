// TypeDoc plugin: shows what a derived type alias resolves to, instead of the expression it is
// written as.
//
// The wire types are inferred from the valibot schemas (`v.InferOutput<typeof XSchema>`) and the
// event union from the provider registry (`ReturnType<RegisteredProvider['parse']>[number]`), so
// that no type is written twice. TypeDoc prints such an alias as its expression, which tells a
// reader nothing about the fields. For every exported type alias without type parameters that is
// declared as such an expression (a reference, an indexed access, a query, an operator, a
// conditional type, an intersection), this plugin changes what its page shows:
// - an alias that resolves to an object type lists its fields, as an alias of a type literal does:
//   one entry per field, with the TSDoc comment of the field's declaration (the schema entry, the
//   event shape), and the index signature of a loose object described as the unknown fields kept;
// - an alias that resolves to a union of objects with the same fields (an event in its forms,
//   told apart by `rawExact`) lists those fields as one object, each typed as the union of its
//   types and described by its comments, a form's own comment after the form it is for;
// - an alias that resolves to any other union lists the union's members, each a link to the exported type
//   it is (members that together make up an exported union link to that union once) with the
//   literal fields that tell the members apart (`type: "message.received"`) and that type's
//   summary, or the member's type when it is a short one no export names (a literal).
// Either way the alias's comment gains a sentence naming the expression it is declared as, with a
// link to the schema when it is one's inferred type. The
// aliases' fields then go through TypeDoc's `notDocumented` check like any interface's.

import {
  ArrayType,
  Comment,
  Converter,
  IntrinsicType,
  ParameterReflection,
  ReferenceType,
  ReflectionFlag,
  ReflectionKind,
  SignatureReflection,
  TypeOperatorType,
  UnionType,
} from 'typedoc';
import ts from 'typescript';

const derivedTypeNodes = new Set([
  ts.SyntaxKind.TypeReference,
  ts.SyntaxKind.IndexedAccessType,
  ts.SyntaxKind.TypeQuery,
  ts.SyntaxKind.TypeOperator,
  ts.SyntaxKind.ConditionalType,
  ts.SyntaxKind.IntersectionType,
]);

// A union member no export names is shown as its type only when it reads at a glance; a union
// with a longer one keeps its declared expression.
const MAX_INLINE_MEMBER_LENGTH = 120;

const printer = ts.createPrinter({ removeComments: true });

/**
 * An exported, non-generic type alias or interface, with what converting it further needs.
 * @typedef {{
 *   reflection: import('typedoc').DeclarationReflection,
 *   context: import('typedoc').Context,
 *   symbol: ts.Symbol,
 *   declaration: ts.TypeAliasDeclaration | ts.InterfaceDeclaration,
 *   summary: import('typedoc').CommentDisplayPart[],
 * }} Named
 */

/** @param {import('typedoc').Application} app */
export function load(app) {
  /** @type {Omit<Named, 'summary'>[]} */
  let found = [];

  app.converter.on(Converter.EVENT_BEGIN, () => {
    found = [];
  });

  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.TypeAlias | ReflectionKind.Interface)) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const declaration = symbol
      ?.getDeclarations()
      ?.find((node) => ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node));
    if (!symbol || !declaration || declaration.typeParameters?.length) return;
    found.push({ reflection, context, symbol, declaration });
  });

  // Once every export is converted (so a union's members can be linked), and before links, groups
  // and the documentation check are resolved (so the new fields are checked like any other).
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    () => {
      /** @type {Named[]} */
      const named = found.map((entry) => ({
        ...entry,
        // Taken before any page is changed, so a union lists its members' own summaries.
        summary: Comment.cloneDisplayParts(entry.reflection.comment?.summary ?? []),
      }));
      found = [];
      const byType = typeIndex(named);
      app.converter.permitDeferredConversion();
      for (const entry of named) {
        const { declaration } = entry;
        if (!ts.isTypeAliasDeclaration(declaration)) continue;
        if (!derivedTypeNodes.has(declaration.type.kind)) continue;
        const checker = entry.context.checker;
        const type = checker.getDeclaredTypeOfSymbol(entry.symbol);
        if (type.isUnion() && isForms(checker, type)) expandForms(entry, type, byType);
        else if (type.isUnion()) expandUnion(entry, type, byType);
        else if (isPlainObject(type) && !overridesField(entry.declaration, type)) {
          expandObject(entry, type, byType);
        }
      }
      app.converter.finalizeDeferredConversion();
    },
    // Before TypeDoc's own handlers of this event read the reflections.
    1000,
  );
}

/** Maps each exported non-generic type to the reflections that document it, in export order. */
function typeIndex(entries) {
  /** @type {Map<ts.Type, Named[]>} */
  const index = new Map();
  for (const entry of entries) {
    const type = entry.context.checker.getDeclaredTypeOfSymbol(entry.symbol);
    const list = index.get(type) ?? [];
    list.push(entry);
    index.set(type, list);
  }
  return index;
}

/**
 * Whether an intersection declares a field again (a payload narrowing a field of the type it
 * extends): its page then shows the intersection, as the field has two comments to choose from.
 */
function overridesField(declaration, type) {
  if (!ts.isIntersectionTypeNode(declaration.type)) return false;
  return type.getProperties().some((property) => new Set(property.declarations).size > 1);
}

/** An object type with fields that is neither a function, an array, nor a module namespace. */
function isPlainObject(type) {
  if (!(type.getFlags() & ts.TypeFlags.Object) && !type.isIntersection()) return false;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return false;
  const symbol = type.getSymbol();
  if (symbol && symbol.getFlags() & ts.SymbolFlags.ValueModule) return false;
  if (symbol?.getName() === 'Array' || symbol?.getName() === 'ReadonlyArray') return false;
  if (type.getFlags() & ts.TypeFlags.Object && type.objectFlags & ts.ObjectFlags.Tuple)
    return false;
  return type.getProperties().length > 0;
}

/**
 * Converts a type for a page, naming the exported types it is made of: a type an export names
 * links to that export, also as a member of a union, an array's element, or a type argument of
 * an exported generic alias (`WithoutSecret<TextLinkReceivedMessage>`); anything else is
 * converted by TypeDoc as usual.
 */
function toDocType(entry, type, byType, scope, { optional = false } = {}) {
  const { checker } = entry.context;
  // An optional field's type reads without the `undefined` the checker adds to it.
  if (optional && type.isUnion() && type.types.some(isUndefined)) {
    return union(type.types.filter((member) => !isUndefined(member)));
  }
  const target = pick(byType.get(type), entry);
  if (target) {
    return ReferenceType.createResolvedReference(
      target.reflection.name,
      target.reflection,
      target.reflection.project,
    );
  }
  if (type.isUnion() && !(type.getFlags() & ts.TypeFlags.Boolean)) return union(type.types);
  if (checker.isArrayType(type)) {
    const [element] = checker.getTypeArguments(type);
    const array = new ArrayType(toDocType(entry, element, byType, scope));
    return type.target?.symbol?.getName() === 'ReadonlyArray'
      ? new TypeOperatorType(array, 'readonly')
      : array;
  }
  const alias = type.aliasSymbol && scope.getReflectionFromSymbol(type.aliasSymbol);
  if (alias && type.aliasTypeArguments?.length) {
    const reference = ReferenceType.createResolvedReference(alias.name, alias, alias.project);
    reference.typeArguments = type.aliasTypeArguments.map((argument) =>
      toDocType(entry, argument, byType, scope),
    );
    return reference;
  }
  return scope.converter.convertType(scope, type);

  function union(members) {
    const same = namedUnion(members, byType, entry);
    if (same) {
      return ReferenceType.createResolvedReference(
        same.reflection.name,
        same.reflection,
        same.reflection.project,
      );
    }
    // `null` and `undefined` last, as the source writes them (`string | null`).
    members = [...members].sort((a, b) => isNullish(a) - isNullish(b));
    // `true | false` is how the checker spells `boolean` inside a union.
    const booleans = members.filter((member) => member.getFlags() & ts.TypeFlags.BooleanLiteral);
    const parts = members
      .filter((member) => booleans.length !== 2 || !booleans.includes(member))
      .map((member) => toDocType(entry, member, byType, scope));
    if (booleans.length === 2) parts.push(new IntrinsicType('boolean'));
    return parts.length === 1 ? parts[0] : new UnionType(parts);
  }
}

/** 1 for `null` and `undefined`, 0 for any other type. */
function isNullish(type) {
  return type.getFlags() & (ts.TypeFlags.Null | ts.TypeFlags.Undefined) ? 1 : 0;
}

/** The export whose type is the union of exactly these members, if there is one. */
function namedUnion(members, byType, from) {
  for (const [candidate, list] of byType) {
    if (!candidate.isUnion() || candidate.types.length !== members.length) continue;
    if (candidate.types.every((part) => members.includes(part))) {
      const target = pick(list, from);
      if (target) return target;
    }
  }
  return undefined;
}

/** A union of plain objects that all have the same fields: one type in several forms. */
function isForms(checker, type) {
  const [first, ...rest] = type.types;
  if (!first || !isPlainObject(first) || rest.length === 0) return false;
  const names = first
    .getProperties()
    .map((property) => property.getName())
    .sort()
    .join();
  return rest.every(
    (member) =>
      isPlainObject(member) &&
      member
        .getProperties()
        .map((property) => property.getName())
        .sort()
        .join() === names &&
      checker.getIndexInfosOfType(member).length === checker.getIndexInfosOfType(first).length,
  );
}

/** The first field whose type is a different literal in each form (`rawExact`), if any. */
function formDiscriminant(checker, members) {
  for (const property of members[0].getProperties()) {
    const values = members.map((member) =>
      checker.getTypeOfSymbol(checker.getPropertyOfType(member, property.getName())),
    );
    if (
      values.every((value) => value.isLiteral() || value.getFlags() & ts.TypeFlags.BooleanLiteral)
    ) {
      if (new Set(values).size === values.length) return { name: property.getName(), values };
    }
  }
  return undefined;
}

/**
 * Documents a union of forms as one object: every field once, typed as the union of its types in
 * the forms, described by the comments of its declarations, those all forms share first and each
 * form's own after the value of the field that tells the forms apart.
 */
function expandForms(entry, type, byType) {
  const { reflection, context, declaration } = entry;
  const checker = context.checker;
  const members = type.types;
  const discriminant = formDiscriminant(checker, members);
  delete reflection.type;
  const scope = context.withScope(reflection);
  for (const property of members[0].getProperties()) {
    const name = property.getName();
    const perForm = members.map((member) => checker.getPropertyOfType(member, name));
    // Created without a symbol: TypeDoc would pick one of the declarations' comments and warn.
    const field = scope.createDeclarationReflection(
      ReflectionKind.Property,
      undefined,
      undefined,
      name,
    );
    if (perForm.every((symbol) => symbol.getFlags() & ts.SymbolFlags.Optional)) {
      field.setFlag(ReflectionFlag.Optional);
    }
    const declarations = perForm.map((symbol) => [
      ...new Set(
        (symbol.getDeclarations() ?? []).filter((node) => context.getNodeComment(node, false)),
      ),
    ]);
    if (
      declarations.every((nodes) =>
        nodes.some((node) => ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Readonly),
      )
    ) {
      field.setFlag(ReflectionFlag.Readonly);
    }
    const shared = declarations[0].filter((node) =>
      declarations.every((nodes) => nodes.includes(node)),
    );
    const parts = [];
    for (const node of shared) {
      if (parts.length > 0) parts.push({ kind: 'text', text: ' ' });
      parts.push(...context.getNodeComment(node, false).summary);
    }
    declarations.forEach((nodes, index) => {
      const own = nodes.filter((node) => !shared.includes(node));
      if (own.length === 0) return;
      if (parts.length > 0) parts.push({ kind: 'text', text: '\n\n' });
      if (discriminant) {
        const value = checker.typeToString(discriminant.values[index]);
        parts.push(
          { kind: 'code', text: `\`${discriminant.name}: ${value}\`` },
          { kind: 'text', text: ': ' },
        );
      }
      own.forEach((node, position) => {
        if (position > 0) parts.push({ kind: 'text', text: ' ' });
        parts.push(...context.getNodeComment(node, false).summary);
      });
    });
    if (parts.length > 0) field.comment = new Comment(parts);
    const types = [...new Set(perForm.map((symbol) => checker.getTypeOfSymbol(symbol)))];
    const fieldScope = scope.withScope(field);
    const optional = field.flags.isOptional;
    field.type =
      types.length === 1
        ? toDocType(entry, types[0], byType, fieldScope, { optional })
        : new UnionType(
            types.map((part) => toDocType(entry, part, byType, fieldScope, { optional })),
          );
    // Two literals `true` and `false` read as what they are together.
    if (
      field.type.type === 'union' &&
      field.type.types.length === 2 &&
      field.type.types.every((part) => part.type === 'literal' && typeof part.value === 'boolean')
    ) {
      field.type = new IntrinsicType('boolean');
    }
    scope.finalizeDeclarationReflection(field);
  }
  const forms = discriminant ? ` (told apart by \`${discriminant.name}\`)` : '';
  noteDeclaredAs(reflection, declaration, 'Declared as');
  reflection.comment?.summary.push({
    kind: 'text',
    text: ` Its ${members.length} forms${forms} share these fields.`,
  });
}

/** Whether a type is `undefined`. */
function isUndefined(type) {
  return (type.getFlags() & ts.TypeFlags.Undefined) !== 0;
}

/** Adds to the alias's comment what it is declared as, so the page still shows the derivation. */
function noteDeclaredAs(reflection, declaration, what) {
  const comment = reflection.comment ?? new Comment();
  const print = (node) =>
    ts.isTypeLiteralNode(node)
      ? '{ … }'
      : printer.printNode(ts.EmitHint.Unspecified, node, declaration.getSourceFile());
  const { type } = declaration;
  // An intersection's literal part is the field list below; the note names what it adds to.
  const printed = (
    ts.isIntersectionTypeNode(type) ? type.types.map(print).join(' & ') : print(type)
  ).replace(/\s+/g, ' ');
  comment.summary.push(
    { kind: 'text', text: `\n\n${what} ` },
    { kind: 'code', text: `\`${printed}\`` },
  );
  // `v.InferOutput<typeof XSchema>`: a link to the schema the type is inferred from.
  const queried = [];
  const visit = (node) => {
    if (ts.isTypeQueryNode(node) && ts.isIdentifier(node.exprName))
      queried.push(node.exprName.text);
    ts.forEachChild(node, visit);
  };
  visit(type);
  if (queried.length === 1) {
    comment.summary.push(
      { kind: 'text', text: ' (see ' },
      { kind: 'inline-tag', tag: '@link', text: queried[0] },
      { kind: 'text', text: ').' },
    );
  } else {
    comment.summary.push({ kind: 'text', text: '.' });
  }
  reflection.comment = comment;
}

/** Documents a type alias that resolves to an object type with the fields it resolves to. */
function expandObject(entry, type, byType) {
  const { reflection, context, declaration } = entry;
  const checker = context.checker;
  delete reflection.type;
  const scope = context.withScope(reflection);
  for (const property of type.getProperties()) {
    context.converter.convertSymbol(scope, property);
    const field = reflection.children?.at(-1);
    if (field?.name !== property.name) continue;
    // TypeDoc prints a field's type from its declaration (an event's `raw: R`) and spells out
    // inferred object types; the field's type in this alias, with exports named, reads better.
    field.type = toDocType(
      entry,
      checker.getTypeOfSymbol(property),
      byType,
      scope.withScope(field),
      {
        optional: field.flags.isOptional,
      },
    );
  }
  for (const info of checker.getIndexInfosOfType(type)) {
    const signature = new SignatureReflection('__index', ReflectionKind.IndexSignature, reflection);
    if (info.isReadonly) signature.setFlag(ReflectionFlag.Readonly);
    const written = info.declaration && context.getNodeComment(info.declaration, false);
    signature.comment =
      written ??
      new Comment([
        { kind: 'text', text: 'Fields the schema does not name, kept as they were sent.' },
      ]);
    const key = new ParameterReflection('key', ReflectionKind.Parameter, signature);
    key.type = context.converter.convertType(scope.withScope(signature), info.keyType);
    signature.parameters = [key];
    signature.type = context.converter.convertType(scope.withScope(signature), info.type);
    reflection.indexSignatures = [...(reflection.indexSignatures ?? []), signature];
  }
  noteDeclaredAs(reflection, declaration, 'Declared as');
}

/**
 * Shows a union alias as the list of its members: a member that is an exported type links to it,
 * members that together make up an exported union link to that union once, and any other member
 * is shown as its type when that is short.
 */
function expandUnion(entry, type, byType) {
  const { reflection, context, declaration } = entry;
  const checker = context.checker;
  const members = type.types;
  const remaining = new Set(members);
  /** @type {Map<ts.Type, Named>} the member that stands for its group, and the export it links to */
  const links = new Map();

  for (const member of members) {
    const target = pick(byType.get(member), entry);
    if (target) {
      links.set(member, target);
      remaining.delete(member);
    }
  }
  // Exported unions made of remaining members only, the smallest (most specific) first: an event
  // in its two forms, before all of a provider's events.
  const unions = [...byType.entries()]
    .filter(([candidate, list]) => candidate !== type && candidate.isUnion() && pick(list, entry))
    .sort(([a], [b]) => a.types.length - b.types.length);
  for (const [candidate, list] of unions) {
    if (!candidate.types.every((part) => remaining.has(part))) continue;
    const first = members.find((member) => candidate.types.includes(member));
    links.set(first, pick(list, entry));
    for (const part of candidate.types) remaining.delete(part);
  }
  for (const member of remaining) {
    const text = checker.typeToString(member, undefined, ts.TypeFormatFlags.NoTruncation);
    if (text.length > MAX_INLINE_MEMBER_LENGTH) return;
  }

  const parts = [];
  const summaries = [];
  const scope = context.withScope(reflection);
  const discriminants = discriminantsOf(checker, members);
  for (const member of members) {
    const target = links.get(member);
    if (target) {
      const group = target.declaration && checker.getDeclaredTypeOfSymbol(target.symbol);
      const told = describeDiscriminants(
        checker,
        discriminants,
        group?.isUnion() ? group.types : [member],
      );
      parts.push(
        ReferenceType.createResolvedReference(
          target.reflection.name,
          target.reflection,
          reflection.project,
        ),
      );
      summaries.push([...told, ...Comment.cloneDisplayParts(target.summary)]);
    } else if (remaining.has(member)) {
      parts.push(toDocType(entry, member, byType, scope));
      summaries.push([]);
    }
  }
  reflection.type = new UnionType(parts);
  if (summaries.some((summary) => summary.length > 0)) reflection.type.elementSummaries = summaries;
  noteDeclaredAs(reflection, declaration, 'Derived from');
}

/** The fields every member has with one string literal each (`type`, `provider`): what tells them apart. */
function discriminantsOf(checker, members) {
  const [first] = members;
  if (!first || members.length < 2) return [];
  return first
    .getProperties()
    .map((property) => property.getName())
    .filter((name) =>
      members.every((member) => {
        const property = checker.getPropertyOfType(member, name);
        return property !== undefined && checker.getTypeOfSymbol(property).isStringLiteral();
      }),
    );
}

/** `type: "message.received", provider: "textlink" — `, for the members one link stands for. */
function describeDiscriminants(checker, discriminants, members) {
  if (discriminants.length === 0) return [];
  const parts = [];
  for (const name of discriminants) {
    const values = [
      ...new Set(
        members.map((member) =>
          JSON.stringify(checker.getTypeOfSymbol(checker.getPropertyOfType(member, name)).value),
        ),
      ),
    ];
    if (parts.length > 0) parts.push({ kind: 'text', text: ', ' });
    parts.push({ kind: 'code', text: `\`${name}: ${values.join(' | ')}\`` });
  }
  parts.push({ kind: 'text', text: ' — ' });
  return parts;
}

/** The export to link to: another type than `from`, in `from`'s module when it has one. */
function pick(list, from) {
  const others = (list ?? []).filter((candidate) => candidate.reflection !== from.reflection);
  return (
    others.find((candidate) => candidate.reflection.parent === from.reflection.parent) ?? others[0]
  );
}
