// The one handle contract of every stateful seamid object (Workspace, AcsModel, DeletionProgress): a wasm
// handle behind a private owner that reports construction problems as `{ ok, issues }`, frees the handle on
// dispose() or `using` (Symbol.dispose), and, as a safety net, when a forgotten object is garbage-collected.

/** Symbol.dispose where the runtime has it (Node 20 has it behind no flag since 20.4; older ones do not). */
export const disposeSymbol = typeof Symbol.dispose === 'symbol' ? Symbol.dispose : undefined;

/**
 * Owns one wasm handle. `free(handle)` releases it; `kind` names the object in error messages. A handle <= 0 means
 * nothing could be built (the object's issues say why): there is nothing to free and every use throws.
 * Call `attach(object)` once the public object exists, `get()` before every use, `dispose()` to free.
 */
export class HandleOwner {
  static #registries = new Map();
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
      registry = new FinalizationRegistry((held) => free(held));
      HandleOwner.#registries.set(free, registry);
    }
    this.#registry = registry;
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
