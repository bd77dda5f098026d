/**
 * A terminal program driven as a user drives it: started in a detached tmux session of a fixed
 * size (on a socket of its own, so no other tmux is touched), keys sent with send-keys, the screen
 * read back with capture-pane. For editors with no scripting API (Helix).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export class TmuxScreen {
    private readonly socket: string;

    constructor(dir: string, command: string[], options: { cwd: string; env: NodeJS.ProcessEnv; cols?: number; rows?: number }) {
        this.socket = join(dir, 'tmux.sock');
        this.tmux(['new-session', '-d', '-x', String(options.cols ?? 150), '-y', String(options.rows ?? 40), ...command], options);
    }

    /** Keys as tmux's send-keys names them: 'Space', 'Enter', 'Escape', or literal text such as ':3'. */
    keys(...keys: string[]): void {
        this.tmux(['send-keys', ...keys]);
    }

    screen(): string {
        return this.tmux(['capture-pane', '-p']);
    }

    /** The row of `screen` (by default the current one) showing buffer line `line` (1-based), as the editor's gutter numbers it. */
    row(line: number, screen = this.screen()): string {
        return screen.split('\n').find(r => new RegExp(`^\\S?\\s+${line}  `).test(r)) ?? '';
    }

    /** Polls the screen until `ok` holds; returns the screen, or throws with the last one seen. */
    async waitFor(what: string, ok: (screen: string) => boolean, timeoutMs = 20_000): Promise<string> {
        const end = Date.now() + timeoutMs;
        for (;;) {
            const screen = this.screen();
            if (ok(screen)) return screen;
            if (Date.now() > end) throw new Error(`no ${what} on the screen within ${timeoutMs} ms:\n${screen}`);
            await new Promise(resolve => setTimeout(resolve, 200));
        }
    }

    kill(): void {
        spawnSync('tmux', ['-S', this.socket, 'kill-server']);
    }

    private tmux(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
        const result = spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8', ...options });
        if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`);
        return result.stdout;
    }
}
