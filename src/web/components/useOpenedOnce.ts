import { useState } from 'react';

/**
 * True from the first time `isOpen` is true on: a drawer whose chunk loads on first opening stays mounted after
 * it closes, so it animates out and a second opening does not wait.
 */
export function useOpenedOnce(isOpen: boolean): boolean {
  const [wasOpened, setWasOpened] = useState(isOpen);
  if (isOpen && !wasOpened) setWasOpened(true);
  return wasOpened || isOpen;
}
