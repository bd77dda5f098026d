/**
 * A validator made from the LSP 3.17 meta model (test/fixtures/lsp-clients/lsp-3.17-metaModel.json):
 * checks a JSON value against the type the specification gives a request's result, a
 * notification's params or a server request's params, structure by structure. Properties the
 * specification does not define are reported too (a misspelt field is an error a client ignores
 * silently); `LSPAny` takes anything.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = any;
interface MetaType { readonly kind: string; readonly [key: string]: Json }
interface Property { readonly name: string; readonly type: MetaType; readonly optional?: boolean }
interface Structure { readonly name: string; readonly properties: Property[]; readonly extends?: MetaType[]; readonly mixins?: MetaType[] }

export class LspMetaModel {
    private readonly model: Json;
    private readonly structures = new Map<string, Structure>();
    private readonly enumerations = new Map<string, Json>();
    private readonly aliases = new Map<string, MetaType>();

    constructor(path: string) {
        this.model = JSON.parse(readFileSync(path, 'utf8'));
        for (const s of this.model.structures) this.structures.set(s.name, s);
        for (const e of this.model.enumerations) this.enumerations.set(e.name, e);
        for (const a of this.model.typeAliases) this.aliases.set(a.name, a.type);
    }

    get version(): string {
        return this.model.metaData.version;
    }

    /** The errors of a request's result (`[]` when it is valid); throws for a method the model lacks. */
    checkResult(method: string, value: Json): string[] {
        const request = this.model.requests.find((r: Json) => r.method === method);
        if (!request) throw new Error(`${method} is not a request of LSP ${this.version}`);
        return this.check(request.result, value, method);
    }

    /** The errors of a request's or notification's params, in either direction. */
    checkParams(method: string, value: Json): string[] {
        const message = [...this.model.requests, ...this.model.notifications].find((r: Json) => r.method === method);
        if (!message) throw new Error(`${method} is not a message of LSP ${this.version}`);
        return message.params ? this.check(message.params, value, `${method} params`) : (value === undefined || value === null ? [] : [`${method} takes no params`]);
    }

    check(type: MetaType, value: Json, path: string): string[] {
        switch (type.kind) {
            case 'base': return checkBase(type.name, value, path);
            case 'reference': return this.checkReference(type.name, value, path);
            case 'array':
                if (!Array.isArray(value)) return [`${path}: expected an array, got ${describe(value)}`];
                return value.flatMap((v, i) => this.check(type.element, v, `${path}[${i}]`));
            case 'map':
                if (!isObject(value)) return [`${path}: expected an object (map), got ${describe(value)}`];
                return Object.entries(value).flatMap(([k, v]) => this.check(type.value, v, `${path}.${k}`));
            case 'and': return (type.items as MetaType[]).flatMap(t => this.check(t, value, path));
            case 'or': {
                let best: string[] | undefined;
                for (const alternative of type.items as MetaType[]) {
                    const errors = this.check(alternative, value, path);
                    if (errors.length === 0) return [];
                    if (!best || errors.length < best.length) best = errors;
                }
                return best ?? [`${path}: matches none of the alternatives`];
            }
            case 'tuple': {
                const items = type.items as MetaType[];
                if (!Array.isArray(value) || value.length !== items.length) return [`${path}: expected a tuple of ${items.length}, got ${describe(value)}`];
                return items.flatMap((t, i) => this.check(t, value[i], `${path}[${i}]`));
            }
            case 'literal': return this.checkProperties(type.value.properties, value, path);
            case 'stringLiteral': return value === type.value ? [] : [`${path}: expected "${type.value}", got ${describe(value)}`];
            case 'integerLiteral':
            case 'booleanLiteral': return value === type.value ? [] : [`${path}: expected ${type.value}, got ${describe(value)}`];
            default: return [`${path}: unknown meta model type kind ${type.kind}`];
        }
    }

    private checkReference(name: string, value: Json, path: string): string[] {
        if (name === 'LSPAny') return [];
        const structure = this.structures.get(name);
        if (structure) return this.checkProperties(this.allProperties(structure), value, `${path} (${name})`);
        const enumeration = this.enumerations.get(name);
        if (enumeration) {
            const base = checkBase(enumeration.type.name, value, path);
            if (base.length > 0) return base;
            const allowed = enumeration.values.map((v: Json) => v.value);
            return allowed.includes(value) || enumeration.supportsCustomValues ? [] : [`${path}: ${JSON.stringify(value)} is not a ${name} (${allowed.join(', ')})`];
        }
        const alias = this.aliases.get(name);
        if (alias) return this.check(alias, value, path);
        return [`${path}: unknown type ${name}`];
    }

    private allProperties(structure: Structure): Property[] {
        const inherited = [...(structure.extends ?? []), ...(structure.mixins ?? [])]
            .flatMap(t => (t.kind === 'reference' && this.structures.has(t.name) ? this.allProperties(this.structures.get(t.name)!) : []));
        return [...inherited, ...structure.properties];
    }

    private checkProperties(properties: Property[], value: Json, path: string): string[] {
        if (!isObject(value)) return [`${path}: expected an object, got ${describe(value)}`];
        const errors: string[] = [];
        const known = new Set(properties.map(p => p.name));
        for (const property of properties) {
            if (!(property.name in value) || value[property.name] === undefined) {
                if (!property.optional) errors.push(`${path}: missing required property ${property.name}`);
                continue;
            }
            errors.push(...this.check(property.type, value[property.name], `${path}.${property.name}`));
        }
        for (const key of Object.keys(value)) if (!known.has(key)) errors.push(`${path}: property ${key} is not in the specification`);
        return errors;
    }
}

function checkBase(name: string, value: Json, path: string): string[] {
    const ok = (() => {
        switch (name) {
            case 'string': case 'URI': case 'DocumentUri': case 'RegExp': return typeof value === 'string';
            case 'integer': return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31;
            case 'uinteger': return Number.isInteger(value) && value >= 0 && value < 2 ** 31;
            case 'decimal': return typeof value === 'number';
            case 'boolean': return typeof value === 'boolean';
            case 'null': return value === null;
            default: return false;
        }
    })();
    return ok ? [] : [`${path}: expected ${name}, got ${describe(value)}`];
}

function isObject(value: Json): boolean {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: Json): string {
    const text = JSON.stringify(value);
    return text === undefined ? 'undefined' : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function lsp317(root: string): LspMetaModel {
    return new LspMetaModel(join(root, 'test', 'fixtures', 'lsp-clients', 'lsp-3.17-metaModel.json'));
}
