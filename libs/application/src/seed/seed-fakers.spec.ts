describe('faker in the application library', () => {
  it('is loaded by the first seed, not by importing the library', () => {
    jest.isolateModules(() => {
      const loaded = jest.fn();
      jest.doMock('@faker-js/faker', () => {
        loaded();
        return jest.requireActual('@faker-js/faker');
      });
      require('../index');
      expect(loaded).not.toHaveBeenCalled();
      const { seededFakers } = require('./seed-fakers') as typeof import('./seed-fakers');
      const fakers = seededFakers(7);
      expect(loaded).toHaveBeenCalledTimes(1);
      expect(fakers.nl.person.firstName()).toBe(seededFakers(7).nl.person.firstName());
    });
  });
});
