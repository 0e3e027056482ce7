// TEMP
export const PalisadeLensAbi = [] as const;
