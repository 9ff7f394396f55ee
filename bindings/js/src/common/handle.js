// The one handle contract of every stateful seamid object (Workspace, AcsModel, DeletionProgress): a wasm
// handle behind a private owner that reports construction problems as `{ ok, issues }`, frees the handle on
// dispose() or `using` (Symbol.dispose), and, as a safety net, when a forgotten object is garbage-collected.
// Garbage collection cannot free anything before the current job ends (a FinalizationRegistry's callbacks run
// after it), so one synchronous loop that forgets dispose() would grow the module's memory without bound: each
// kind of object has a cap on how many may be live at once in one module (MAX_LIVE_HANDLES), and a creation over
// it builds nothing and says so (`too_many_handles`).

/** The most objects of one kind (per module) live at once: undisposed, and not yet garbage-collected. */
export const MAX_LIVE_HANDLES = 10000;

/** Symbol.dispose where the runtime has it (Node 20 has it behind no flag since 20.4; older ones do not). */
export const disposeSymbol = typeof Symbol.dispose === 'symbol' ? Symbol.dispose : undefined;

/**
 * Owns one wasm handle. `free(handle)` releases it; `kind` names the object in error messages. A handle <= 0 means
 * nothing could be built (the object's issues say why): there is nothing to free and every use throws.
 * Call `attach(object)` once the public object exists, `get()` before every use, `dispose()` to free.
 */
export class HandleOwner {
  static #registries = new Map(); // free function -> its FinalizationRegistry
  static #live = new Map(); // free function -> how many of its handles are live
  #handle;
  #free;
  #kind;
  #token = {};
  #registry;
  #built;
  #disposed = false;

  constructor(handle, free, kind) {
    this.#built = handle > 0;
    this.#handle = this.#built ? handle : 0;
    this.#free = free;
    this.#kind = kind;
    let registry = HandleOwner.#registries.get(free);
    if (registry === undefined && typeof FinalizationRegistry === 'function') {
      registry = new FinalizationRegistry((held) => {
        free(held);
        HandleOwner.#count(free, -1);
      });
      HandleOwner.#registries.set(free, registry);
    }
    this.#registry = registry;
    if (this.#built) HandleOwner.#count(free, 1);
  }

  static #count(free, change) {
    HandleOwner.#live.set(free, (HandleOwner.#live.get(free) ?? 0) + change);
  }

  /** How many handles freed by `free` are live (undisposed, not yet garbage-collected). */
  static live(free) {
    return HandleOwner.#live.get(free) ?? 0;
  }

  /**
   * The `too_many_handles` issue when MAX_LIVE_HANDLES objects freed by `free` are live already (ask before making a
   * handle: then make none), else null.
   */
  static refusal(free, kind) {
    const live = HandleOwner.live(free);
    if (live < MAX_LIVE_HANDLES) return null;
    return {
      path: [],
      code: 'too_many_handles',
      severity: 'error',
      message: `${live} ${kind} objects are live in this module, the most it keeps at once; dispose() the ones no longer used ` +
        '(a forgotten one is freed only after the current job ends).',
    };
  }

  /** Registers `object` so that its handle is freed if it is garbage-collected without dispose(). */
  attach(object) {
    if (this.#built) this.#registry?.register(object, this.#handle, this.#token);
    return object;
  }

  /** The live handle; throws (a programmer's error) once disposed, or when nothing was built. */
  get() {
    if (!this.#built) throw new Error(`seamid: this ${this.#kind} could not be built (see its issues)`);
    if (this.#disposed) throw new Error(`seamid: this ${this.#kind} was disposed`);
    return this.#handle;
  }

  /** True once dispose() has run. */
  get disposed() {
    return this.#disposed;
  }

  /** Frees the handle now; calling it again does nothing. */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    if (!this.#built) return;
    this.#registry?.unregister(this.#token);
    this.#free(this.#handle);
    HandleOwner.#count(this.#free, -1);
  }
}

/**
 * Adds the contract's members to a public object: `ok` and `issues` (construction problems, frozen), `disposed`,
 * `dispose()` and `[Symbol.dispose]()`. Returns the object, registered for the garbage-collection safety net.
 */
export function withHandleContract(object, owner, issues) {
  const frozen = Object.freeze(issues.slice());
  Object.defineProperties(object, {
    ok: { value: !frozen.some((found) => found.severity === 'error'), enumerable: true },
    issues: { value: frozen, enumerable: true },
    disposed: { get: () => owner.disposed, enumerable: false },
    dispose: { value: () => owner.dispose(), enumerable: false },
  });
  if (disposeSymbol) Object.defineProperty(object, disposeSymbol, { value: () => owner.dispose(), enumerable: false });
  return owner.attach(object);
}
