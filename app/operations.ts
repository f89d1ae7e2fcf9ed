/** The kinds of long operation main runs in the background and reports as `operations.progress`. */
export const OPERATION_KINDS = ['disk.create', 'disk.resize', 'disk.compact', 'vm.create', 'vm.clone'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];
