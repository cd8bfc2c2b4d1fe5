// Type plumbing: the facade's client is openapi-fetch's Client over a `paths` type adjusted for what the facade
// fills in itself (auth headers, Mews body tokens, cursors), plus `orThrow`, `paginate` and `pages`.
import type { Client, FetchOptions, FetchResponse, MaybeOptionalInit } from 'openapi-fetch'
import type { CallOptions } from './core/send.js'
import type { Page, PaginateOptions } from './pagination/types.js'

type Lower = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options' | 'trace'
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T]

/** Makes the named header parameters optional in every operation (the facade sends them). */
export type FillHeaders<Paths, H extends string> = {
  [P in keyof Paths]: { [M in keyof Paths[P]]: M extends Lower ? FillHeaderOp<Paths[P][M], H> : Paths[P][M] }
}
type FillHeaderOp<Op, H extends string> = Op extends { parameters: { header: infer Hd } }
  ? Omit<Op, 'parameters'> & {
      parameters: Omit<Op['parameters'], 'header'> &
        (RequiredKeys<Omit<Hd, H>> extends never
          ? { header?: Omit<Hd, H> & Partial<Pick<Hd, H & keyof Hd>> }
          : { header: Omit<Hd, H> & Partial<Pick<Hd, H & keyof Hd>> })
    }
  : Op

/** Removes the named fields from every JSON request body (the facade adds them). */
export type FillBody<Paths, K extends string> = {
  [P in keyof Paths]: { [M in keyof Paths[P]]: M extends Lower ? FillBodyOp<Paths[P][M], K> : Paths[P][M] }
}
type FillBodyOp<Op, K extends string> = Op extends { requestBody: { content: { 'application/json': infer B } } }
  ? Omit<Op, 'requestBody'> & { requestBody: { content: { 'application/json': DistributiveOmit<B, K> } } }
  : Op

/** The init argument: optional when the operation needs no parameters or body. */
export type InitArgs<Init> = {} extends Init ? [init?: Init & CallOptions] : [init: Init & CallOptions]

/** Paths of `Paths` that have method `M`. */
export type PathsWith<Paths, M extends Lower> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: {} } ? P : never
}[keyof Paths]

/** One `orThrow` method, typed from `paths` alone: the data of the operation's 2xx answer. */
export type OrThrowMethod<Paths extends Record<string, any>, M extends Lower> = <
  P extends PathsWith<Paths, M>,
  Init extends MaybeOptionalInit<Paths[P], M & keyof Paths[P]>,
>(
  url: P,
  ...init: InitArgs<Init>
) => Promise<NonNullable<FetchResponse<Paths[P][M & keyof Paths[P]], Init, `${string}/${string}`>['data']>>

/** The same calls as the client, resolving to the data of a 2xx answer and throwing a ParleyError otherwise. */
export interface OrThrow<Paths extends Record<string, any>> {
  GET: OrThrowMethod<Paths, 'get'>
  PUT: OrThrowMethod<Paths, 'put'>
  POST: OrThrowMethod<Paths, 'post'>
  DELETE: OrThrowMethod<Paths, 'delete'>
  OPTIONS: OrThrowMethod<Paths, 'options'>
  HEAD: OrThrowMethod<Paths, 'head'>
  PATCH: OrThrowMethod<Paths, 'patch'>
  TRACE: OrThrowMethod<Paths, 'trace'>
}

/** Paths of the operations the spec marks `x-parley-pagination`. */
export type PaginatedPath<Ops> = {
  [K in keyof Ops]: Ops[K] extends { readonly pagination: object; readonly path: infer P } ? P : never
}[keyof Ops]
type PaginatedOp<Ops, P> = Extract<Ops[keyof Ops], { readonly path: P; readonly pagination: object }>
type MethodOf<Ops, P> = PaginatedOp<Ops, P> extends { readonly method: infer M extends Lower } ? M : never
type ItemsKey<Ops, P> = PaginatedOp<Ops, P> extends { readonly pagination: { readonly items: infer K } } ? K : never
type JsonOf<Op> = Op extends { responses: { 200: { content: { 'application/json': infer D } } } } ? D : never

/** The data of one page of the paginated operation at P. */
export type PageData<Paths, Ops, P> = P extends keyof Paths
  ? MethodOf<Ops, P> extends keyof Paths[P]
    ? JsonOf<Paths[P][MethodOf<Ops, P>]>
    : never
  : never
/** One item of the paginated operation at P, typed from the spec. */
export type PageItem<Paths, Ops, P> = NonNullable<PageData<Paths, Ops, P>[ItemsKey<Ops, P> & keyof PageData<Paths, Ops, P>]> extends readonly (infer I)[]
  ? I
  : never
/** The init of a paginated call: openapi-fetch's init for that operation; `Cursor` rules out the cursor the facade sends. */
export type PaginateInit<Paths, Ops, P, Cursor> = P extends keyof Paths
  ? MethodOf<Ops, P> extends keyof Paths[P]
    ? FetchOptions<Paths[P][MethodOf<Ops, P>]> & Cursor
    : never
  : never
export type PaginateArgs<Init> = {} extends Init
  ? [init?: Init, options?: PaginateOptions]
  : [init: Init, options?: PaginateOptions]

/**
 * A Parley client: every method of openapi-fetch's `Client<Paths>`, plus `orThrow`, and `paginate` / `pages` for
 * exactly the paginated operations (any other path is a type error). `Cursor` is the shape that rules out, in a
 * listing's init, the cursor the facade sends itself (it is cheaper for the compiler than taking it out of the type).
 */
export type ParleyClient<Paths extends Record<string, any>, Ops, Cursor = {}> = Client<Paths> & {
  readonly orThrow: OrThrow<Paths>
  /**
   * Every item of every page, in order. Throws a ParleyError when a page fails. Several loops may share one
   * iterator (a worker pool): each item goes to exactly one of them.
   */
  paginate<P extends PaginatedPath<Ops> & keyof Paths>(
    path: P,
    ...args: PaginateArgs<PaginateInit<Paths, Ops, P, Cursor>>
  ): AsyncGenerator<PageItem<Paths, Ops, P>, void, undefined>
  /** Whole pages, each with its items, parsed body and raw Response. */
  pages<P extends PaginatedPath<Ops> & keyof Paths>(
    path: P,
    ...args: PaginateArgs<PaginateInit<Paths, Ops, P, Cursor>>
  ): AsyncGenerator<Page<PageItem<Paths, Ops, P>, PageData<Paths, Ops, P>>, void, undefined>
}

