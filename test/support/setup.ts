// Integration tests drive real nodes: starting, restarting and stopping a
// network takes tens of seconds, so give each test room.
jest.setTimeout(300_000);
