# elasticity sources (being written)
