// The simulated group of the terminal chat. The first neighbour is the group's admin.
export interface Neighbour {
  id: string;
  name: string;
}

export const consoleGroup = { id: 'residence-des-lilas', title: 'Résidence des Lilas' };

export const neighbours: Neighbour[] = [
  { id: '1', name: 'Alice' },
  { id: '2', name: 'Bruno' },
  { id: '3', name: 'Chloé' },
  { id: '4', name: 'Djamel' },
];

export function findNeighbour(query: string): Neighbour | undefined {
  const q = query.trim().toLowerCase();
  return neighbours.find(
    (n) => n.id === q || n.name.toLowerCase() === q || n.name.toLowerCase().startsWith(q),
  );
}
