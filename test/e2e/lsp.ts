// A small Language Server Protocol client for the tests: it starts yaml-language-server (the
// engine of VS Code's YAML extension) over stdio and speaks JSON-RPC with Content-Length framing.
// Only what the editor-schema test needs: initialize, settings (the server pulls them with
// workspace/configuration), didOpen, publishDiagnostics and completion.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspDiagnostic {
  range: { start: LspPosition; end: LspPosition };
  severity?: number;
  message: string;
  source?: string;
}

export interface LspCompletionItem {
  label: string;
  kind?: number;
  detail?: string;
  documentation?: string | { kind: string; value: string };
  insertText?: string;
}

type Json = unknown;
interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: Json;
  result?: Json;
  error?: { code: number; message: string };
}

/** The path of yaml-language-server's entry point, from node_modules. */
export function yamlLanguageServerBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('yaml-language-server/package.json')), 'bin', 'yaml-language-server');
}

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  private readonly diagnostics = new Map<string, LspDiagnostic[]>();
  private readonly diagnosticWaiters = new Map<string, ((d: LspDiagnostic[]) => void)[]>();
  private versions = new Map<string, number>();
  private stderr = '';
  /** The `yaml` settings section the server pulls. */
  settings: Record<string, unknown> = {};

  constructor() {
    this.child = spawn(process.execPath, [yamlLanguageServerBin(), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.child.on('exit', () => {
      for (const { reject } of this.pending.values()) reject(new Error(`yaml-language-server exited\n${this.stderr}`));
      this.pending.clear();
    });
  }

  /** initialize + initialized, then the settings (a didChangeConfiguration makes the server pull them). */
  async start(rootDir: string, yamlSettings: Record<string, unknown>): Promise<void> {
    this.settings = yamlSettings;
    const rootUri = pathToFileURL(rootDir).href;
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'root' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          publishDiagnostics: { relatedInformation: false },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          synchronization: { dynamicRegistration: false },
        },
      },
    });
    this.notify('initialized', {});
    await this.configure(yamlSettings);
  }

  /** New settings; resolves once the server has pulled them. */
  async configure(yamlSettings: Record<string, unknown>): Promise<void> {
    this.settings = yamlSettings;
    const pulled = new Promise<void>((resolve) => {
      this.onConfigurationPulled = resolve;
    });
    this.notify('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
    await pulled;
    // The server applies the settings right after it receives them; a round trip makes sure it has.
    await this.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///kam-none.yaml' } }).catch(() => undefined);
  }

  private onConfigurationPulled: (() => void) | undefined;

  /** Opens a document and waits for its diagnostics (the first set published after the open). */
  async open(uri: string, text: string, languageId = 'yaml'): Promise<LspDiagnostic[]> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const published = this.nextDiagnostics(uri);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return published;
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async completion(uri: string, position: LspPosition): Promise<LspCompletionItem[]> {
    const result = (await this.request('textDocument/completion', { textDocument: { uri }, position })) as
      | { items: LspCompletionItem[] }
      | LspCompletionItem[]
      | null;
    if (result === null) return [];
    return Array.isArray(result) ? result : result.items;
  }

  async hover(uri: string, position: LspPosition): Promise<string> {
    const result = (await this.request('textDocument/hover', { textDocument: { uri }, position })) as { contents: { value: string } | string } | null;
    if (result === null) return '';
    return typeof result.contents === 'string' ? result.contents : result.contents.value;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((resolve) => setTimeout(resolve, 2000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 2000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private nextDiagnostics(uri: string): Promise<LspDiagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within 20 s\n${this.stderr}`)), 20_000);
      const list = this.diagnosticWaiters.get(uri) ?? [];
      list.push((d) => {
        clearTimeout(timer);
        resolve(d);
      });
      this.diagnosticWaiters.set(uri, list);
    });
  }

  request(method: string, params: Json): Promise<Json> {
    const id = this.nextId++;
    const done = new Promise<Json>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.send({ jsonrpc: '2.0', id, method, params });
    return done;
  }

  notify(method: string, params: Json): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: (\d+)/i.exec(header);
      if (!m) throw new Error(`LSP: a header without Content-Length: ${header}`);
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server.
      let result: Json = null;
      if (message.method === 'workspace/configuration') {
        const items = (message.params as { items: { section?: string }[] }).items;
        result = items.map((item) => (item.section === 'yaml' ? this.settings : item.section === 'http' ? { proxy: '', proxyStrictSSL: false } : {}));
        // Answered after this turn: the server has the settings once it reads the reply.
        setImmediate(() => {
          this.onConfigurationPulled?.();
          this.onConfigurationPulled = undefined;
        });
      }
      this.send({ jsonrpc: '2.0', id: message.id, result });
      return;
    }
    if (message.method !== undefined) {
      if (message.method === 'textDocument/publishDiagnostics') {
        const { uri, diagnostics } = message.params as { uri: string; diagnostics: LspDiagnostic[] };
        this.diagnostics.set(uri, diagnostics);
        const waiters = this.diagnosticWaiters.get(uri);
        if (waiters && waiters.length > 0) {
          this.diagnosticWaiters.delete(uri);
          for (const w of waiters) w(diagnostics);
        }
      }
      return;
    }
    const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!pending) return;
    this.pending.delete(message.id as number);
    if (message.error) pending.reject(new Error(`LSP ${message.error.code}: ${message.error.message}`));
    else pending.resolve(message.result);
  }
}
